package dev.redflag.cli;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.alert.AlertState;
import dev.redflag.alert.Transition;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.FeedbackAction;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.testing.SharedKafka;
import dev.redflag.testing.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redflag backtest} in process, through the batch pipeline: the rule pack of
 * {@code alerts-config/rules} over the 38 simulated hours of the demo's traffic with its scripted
 * incidents (a quiet day, then the incidents), a comparison of two rule sets, the HTML chart, and history read from Kafka.
 */
@Timeout(300)
class BacktestCommandIT {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    private static final Path PACK = Path.of("../alerts-config/rules");

    /** Midnight UTC three days ago: in the past (future timestamps are rejected), aligned to windows. */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));

    /** The hours of history: the script and one more. */
    private static final int HOURS = (int) Incidents.SCRIPT_LENGTH.toHours() + 1;

    /** A small history in the past for exact expectations. */
    private static final Instant SMALL = Instant.parse("2025-01-06T00:00:00Z");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path history;

    /** Names the pack's own KPIs ({@code sessions}), which the shared directory defines. */
    private static Path kpisConfig;

    @BeforeAll
    static void generateHistory() throws Exception {
        kpisConfig = shared.resolve("kpis-config.yaml");
        Files.writeString(kpisConfig, """
                kafka:
                  bootstrap-servers: localhost:9092
                  topics: {events: [redflag.events]}
                kpis:
                  definitions: ../alerts-config/kpis.yaml
                """);
        history = shared.resolve("history.jsonl");
        TrafficGenerator generator = new TrafficGenerator(Incidents.traffic(START), Incidents.scripted(), 7, START);
        try (Stream<String> lines = generator.minutes(HOURS * 60)) {
            Files.write(history, (Iterable<String>) lines::iterator);
        }
    }

    private static long hour(double h) {
        return START.toEpochMilli() + (long) (h * 3_600_000);
    }

    /** An alert by name and the KPI dims among its labels, e.g. {@code BounceRateRising page=/pricing,tenant=acme}. */
    private static String series(AlertEvent e, String... dims) {
        return e.alertname() + " " + java.util.Arrays.stream(dims).map(d -> d + "=" + e.labels().get(d))
                .collect(Collectors.joining(","));
    }

    @Test
    void theRulePackCatchesTheScriptedIncidents() throws Exception {
        Path charts = shared.resolve("charts");
        CliRun run = run("backtest", "--rules", PACK.toString(), "--events", history.toString(), "--format", "jsonl",
                "--config", kpisConfig.toString(), "--charts", charts.toString());

        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{\"alert\":\"")
                .contains("\"labels\":{", "\"state\":\"", "\"startsAt\":", "\"endsAt\":", "\"value\":"));
        AlertEventJson json = new AlertEventJson();
        List<AlertEvent> events = lines.stream().map(json::read).toList();
        // every firing carries its chart, and --charts wrote it as a PNG
        List<AlertEvent> firings = events.stream().filter(e -> e.phase() == Transition.Phase.FIRING).toList();
        assertThat(firings).isNotEmpty().allSatisfy(e -> assertThat(e.chart()).isNotNull());
        assertThat(events.stream().filter(e -> e.phase() != Transition.Phase.FIRING)).allSatisfy(e ->
                assertThat(e.chart()).isNull());
        try (var pngs = java.nio.file.Files.list(charts)) {
            assertThat(pngs.toList()).hasSize(firings.size()).allSatisfy(p -> assertThat(
                    javax.imageio.ImageIO.read(p.toFile()).getWidth()).isEqualTo(800));
        }
        Map<String, List<AlertEvent>> fired = new TreeMap<>();
        for (AlertEvent e : events) {
            if (e.phase() != Transition.Phase.PENDING) {
                String key = switch (e.alertname()) {
                    case "MqlToSqlStalled" -> series(e, "tenant", "channel");
                    case "BounceRateRising" -> series(e, "tenant", "page");
                    case "ConversionRateDropping" -> series(e, "tenant", "channel");
                    case "NpsDropping" -> series(e, "tenant", "segment");
                    case "ChurnRising" -> series(e, "tenant");
                    default -> e.alertname() + " " + e.labels();
                };
                fired.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        // the six incidents after the quiet day, and nothing else
        assertThat(fired).containsOnlyKeys("ConversionRateDropping tenant=globex,channel=ads",
                "MqlToSqlStalled tenant=acme,channel=ads", "BounceRateRising tenant=acme,page=/pricing",
                "NpsDropping tenant=globex,segment=enterprise", "BounceRateRising tenant=globex,page=/",
                "ChurnRising tenant=acme");
        // each fires during its incident; once resolved, not again on a longer stretch that still holds the
        // incident's hours (a resolved alert's windows are spent)
        assertFiredDuring(fired.get("ConversionRateDropping tenant=globex,channel=ads"), 26, 29);
        assertFiredDuring(fired.get("MqlToSqlStalled tenant=acme,channel=ads"), 28, 36);
        assertFiredDuring(fired.get("BounceRateRising tenant=acme,page=/pricing"), 30, 33);
        // the demo's case: it resolved after the incident and used to fire again on the 12h stretch at +36h
        assertThat(fired.get("BounceRateRising tenant=acme,page=/pricing"))
                .filteredOn(t -> t.phase() == Transition.Phase.FIRING).hasSize(1);
        assertFiredDuring(fired.get("NpsDropping tenant=globex,segment=enterprise"), 32, 35);
        // confined to e-mail on mobile, the page barely moving: found by the pack's slices, which it names
        assertFiredDuring(fired.get("BounceRateRising tenant=globex,page=/"), 33, 36);
        assertThat(fired.get("BounceRateRising tenant=globex,page=/").get(0).annotations())
                .containsEntry("slice", "channel=email,device=mobile");
        assertFiredDuring(fired.get("ChurnRising tenant=acme"), 34, 37);
        // the end of the input is not an outage: nothing after the last window
        assertThat(events).noneMatch(e -> e.transition().at() > hour(HOURS));
        assertThat(run.err()).startsWith("history.jsonl:")
                .containsPattern("\\n\\d+ of \\d+ lines rejected\\ncharts: " + firings.size() + " in .+\\n$");
    }

    /**
     * A first firing period that starts within the incident ({@code from}..{@code to} hours after the
     * start), and any later one within the 12 hours after it, a stretch that still holds it.
     */
    private static void assertFiredDuring(List<AlertEvent> transitions, int from, int to) {
        assertThat(transitions).isNotEmpty();
        assertThat(transitions.get(0).phase()).isEqualTo(Transition.Phase.FIRING);
        assertThat(transitions.get(0).transition().startsAt()).isBetween(hour(from), hour(to));
        assertThat(transitions).filteredOn(t -> t.phase() == Transition.Phase.FIRING)
                .allSatisfy(t -> assertThat(t.transition().startsAt()).isBetween(hour(from), hour(to + 12)));
    }

    @Test
    void compareListsAddedRemovedAndMovedPeriodsAsMarkdown() throws Exception {
        Path changed = dir.resolve("rules");
        Files.createDirectories(changed);
        try (Stream<Path> files = Files.list(PACK)) {
            for (Path f : files.toList()) {
                Files.copy(f, changed.resolve(f.getFileName()));
            }
        }
        // a rule added: churn above 0.6% an hour, which only acme's incident (x8 of 0.1%) reaches
        edit(changed.resolve("customers.yaml"), "    rules:\n", """
                    rules:
                      - alert: ChurnAbove
                        kpi: churn_rate
                        when: {above: 0.006}
                        severity: info
                """);
        // a rule removed: the funnel's only one
        Files.delete(changed.resolve("funnel.yaml"));
        // a rule moved: BounceRateRising now waits an hour before it fires
        edit(changed.resolve("web.yaml"), "when: {shift: rise, percent: 20, slices: [channel, device, [channel, device]]}\n",
                "when: {shift: rise, percent: 20, slices: [channel, device, [channel, device]]}\n        for: 1h\n");

        CliRun run = run("backtest", "--compare", PACK.toString(), changed.toString(), "--events", history.toString(),
                "--config", kpisConfig.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Backtest of `" + changed + "` (rules ")
                .containsPattern("against `" + java.util.regex.Pattern.quote(PACK.toString())
                        + "` \\(rules [0-9a-f]{12}\\) over history.jsonl, ")
                // the rule added, the funnel's period removed, the bounce alerts (/pricing, and globex's / found
                // by its slices) delayed by their for: 1h
                .contains("**Alert timeline: 6 → 6 firing periods** (1 added, 1 removed, 2 moved)\n\n")
                .containsPattern("\\| moved \\| `BounceRateRising\\{page=\"/\",tenant=\"globex\"\\}` \\| "
                        + "[^|]+ \\| [^|]+ \\(start \\+1h, end same\\) \\|\n")
                .contains("| change | alert | firing before | firing after |\n|---|---|---|---|\n")
                // for: 0s -> 1h
                .containsPattern("\\| moved \\| `BounceRateRising\\{page=\"/pricing\",tenant=\"acme\"\\}` \\| "
                        + "[^|]+ \\| [^|]+ \\(start \\+1h, end same\\) \\|\n")
                .contains("| added | `ChurnAbove{tenant=\"acme\"}` | – | ")
                .contains("| removed | `MqlToSqlStalled{channel=\"ads\",tenant=\"acme\"}` | ");
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    // --- small, exact histories -------------------------------------------------------------------

    private static final String PAGE = "/<b>\\\"deals\\\"</b>"; // JSON text of the page /<b>"deals"</b>

    /** 10 sessions per hour on one page of acme; the bounce rate of hour h is bounced[h]/10. */
    private static List<String> sessions(int fromHour, int... bounced) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < bounced.length; i++) {
            int h = fromHour + i;
            for (int s = 0; s < 10; s++) {
                lines.add("{\"type\":\"session\",\"ts\":\"" + SMALL.plus(Duration.ofMinutes(h * 60L + s * 5L))
                        + "\",\"tenant\":\"acme\",\"session_id\":\"s" + h + "-" + s + "\",\"page\":\"" + PAGE
                        + "\",\"pageviews\":" + (s < bounced[i] ? 1 : 3) + "}");
            }
        }
        return lines;
    }

    private Path smallRules() throws Exception {
        Path rules = dir.resolve("small-rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("deals.yaml"), """
                groups:
                  - name: deals
                    rules:
                      - alert: BounceHigh
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severity: warning
                        annotations:
                          summary: "Bounce rate on {{page}} is {{value}}"
                """);
        return rules;
    }

    private static String small(int h) {
        return SMALL.plus(Duration.ofHours(h)).toString();
    }

    @Test
    void tableAndChartOfTheAlertingSeriesWithEscapedText() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, sessions(0, 2, 8, 9, 1));
        Path chart = dir.resolve("backtest.html");

        CliRun run = run("backtest", "--rules", smallRules().toString(), "--events", events.toString(),
                "--chart", chart.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                ALERT       LABELS                            FROM                  TO                    PEAK  NOTES
                BounceHigh  page=/<b>"deals"</b>,tenant=acme  %s  %s  90%%

                RULE              SEVERITY  PERIODS  FIRING HOURS  PENDING ONLY  SERIES-DAYS  BY CHANCE
                deals/BounceHigh  warning   1        2.0           0             0.2          -
                1 rule evaluated (version %s) over %s .. %s: 1 firing period from 1 rule, 2.0 firing hours.
                Chart of each alerting KPI series: %s
                """.formatted(small(2), small(4), version(run.out()), small(0), small(4), chart));
        assertThat(run.err()).isEmpty();
        String html = Files.readString(chart);
        assertThat(html).contains("<svg")
                .contains("<h2>bounce_rate{page=&quot;/&lt;b&gt;\\&quot;deals\\&quot;&lt;/b&gt;&quot;,"
                        + "tenant=&quot;acme&quot;}</h2>")
                .contains("<li><b>BounceHigh</b> (warning) firing " + small(2) + " .. " + small(4))
                .doesNotContain("<b>\"deals\"", "<script");
    }

    private static String version(String table) {
        return table.replaceAll("(?s).*\\(version ([0-9a-f]{12})\\).*", "$1");
    }

    @Test
    void readsATopicFromItsBeginningToItsEndAndFiltersByTime() throws Exception {
        String topic = KAFKA.topic("backtest-events", 2);
        Topics.send(KAFKA.bootstrapServers(), topic, 0, sessions(0, 2, 8));
        List<String> later = new ArrayList<>(sessions(2, 9, 1));
        later.add(3, "{\"type\":\"session\",oops");
        Topics.send(KAFKA.bootstrapServers(), topic, 1, later);

        CliRun run = run("backtest", "--rules", smallRules().toString(), "--events", "kafka:" + topic,
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--to", small(3), "--format", "jsonl");

        assertThat(run.exit()).isZero();
        // hour 3 is left out, so the alert is still firing when the history ends
        List<AlertEvent> events = run.out().lines().map(new AlertEventJson()::read).toList();
        assertThat(events).hasSize(1);
        AlertEvent firing = events.get(0);
        assertThat(firing.phase()).isEqualTo(Transition.Phase.FIRING);
        assertThat(firing.transition().startsAt()).isEqualTo(Instant.parse(small(2)).toEpochMilli());
        assertThat(firing.transition().endsAt()).isEqualTo(AlertState.NO_TIME);
        assertThat(firing.transition().value()).isEqualTo(0.8);
        assertThat(firing.labels()).containsEntry("page", "/<b>\"deals\"</b>").containsEntry("tenant", "acme");
        assertThat(firing.annotations()).containsEntry("summary", "Bounce rate on /<b>\"deals\"</b> is 0.8");
        assertThat(run.err()).startsWith(topic + "-1@3: not_json: ").endsWith("\n1 of 31 records rejected\n");

        CliRun missing = run("backtest", "--rules", smallRules().toString(), "--events", "kafka:no-such-topic",
                "--bootstrap-servers", KAFKA.bootstrapServers());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: topic not found: no-such-topic on " + KAFKA.bootstrapServers()
                + "\n");
    }

    @Test
    void compareWithFeedbackMarksTheJudgedOldPeriodsAndScoresTheChange() throws Exception {
        Path events = dir.resolve("events.jsonl");
        // bounce rate by hour: .2 .8 .9 .1 .1 .7 .1; above 0.5 fires 02..04 and 06..07, above 0.75 only 02..04
        Files.write(events, sessions(0, 2, 8, 9, 1, 1, 7, 1));
        Path old = smallRules();
        Path neu = dir.resolve("stricter");
        Files.createDirectories(neu);
        Files.writeString(neu.resolve("deals.yaml"), Files.readString(old.resolve("deals.yaml"))
                .replace("when: {above: 0.5}", "when: {above: 0.75}"));
        // the live alert's fingerprint, as the old rules' backtest computes it
        String fingerprint = new AlertEventJson().read(run("backtest", "--rules", old.toString(), "--events",
                events.toString(), "--format", "jsonl").out().lines().findFirst().orElseThrow()).fingerprint();
        Path feedback = dir.resolve("feedback.jsonl");
        Files.writeString(feedback, String.join("\n",
                verdict(FeedbackAction.REAL_PROBLEM, fingerprint, small(2), small(3)).toJson(),
                // given when the rule had another label (another fingerprint): joined by series and time
                verdict(FeedbackAction.FALSE_ALARM, "0123456789abcdef", small(6), small(7)).toJson(),
                "{\"action\":\"applaud\"}") + "\n");

        CliRun run = run("backtest", "--compare", old.toString(), neu.toString(), "--events", events.toString(),
                "--feedback", feedback.toString());

        assertThat(run.exit()).isZero();
        String series = "`BounceHigh{page=\"/<b>\\\"deals\\\"</b>\",tenant=\"acme\"}`";
        assertThat(run.out()).contains("**Alert timeline: 2 → 1 firing periods** (0 added, 1 removed, 0 moved)\n")
                .endsWith("""

                        **Against the verdicts given in Slack:** 2 of 2 firing periods of the old rules judged \
                        (1 real, 1 false alarm).

                        | | old rules | new rules |
                        |---|--:|--:|
                        | real problems caught (recall) | 1 of 1 | 1 of 1 (100%%) |
                        | false alarms | 1 | 0 (1 dropped) |
                        | precision on judged periods | 50%% | 100%% |

                        | verdict | alert | firing before | new rules |
                        |---|---|---|---|
                        | real | %s | %s .. %s | still fires |
                        | false alarm | %s | %s .. %s | dropped |
                        """.formatted(series, small(2), small(4), series, small(6), small(7)));
        assertThat(run.err()).isEqualTo("feedback.jsonl:3: unknown action \"applaud\"\n1 feedback record left out\n");

        CliRun alone = run("backtest", "--rules", old.toString(), "--events", events.toString(),
                "--feedback", feedback.toString());
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("--feedback judges a rule change: it goes with --compare OLD_DIR "
                + "NEW_DIR\n");
    }

    private static Feedback verdict(FeedbackAction action, String fingerprint, String startsAt, String at) {
        return new Feedback(action, "U0ALICE", "alice", fingerprint, Instant.parse(startsAt), "deals/BounceHigh",
                "BounceHigh", new TreeMap<>(Map.of("alertname", "BounceHigh", "kpi", "bounce_rate", "window", "1h",
                "page", "/<b>\"deals\"</b>", "tenant", "acme", "severity", "warning")), "growth", null, null, null,
                Instant.parse(at));
    }

    @Test
    void brokenRulesAreListedAndNothingRuns() throws Exception {
        Path rules = dir.resolve("bad");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("web.yaml"), """
                groups:
                  - name: web
                    rules:
                      - alert: BounceHigh
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severty: warning
                """);
        CliRun run = run("backtest", "--rules", rules.toString(), "--events", dir.resolve("missing.jsonl").toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(rules.resolve("web.yaml") + ":7:9: ")
                .contains("unknown key 'severty'; did you mean 'severity'?").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageMistakesAreExplained() throws Exception {
        String rules = smallRules().toString();
        assertThat(run("backtest", "--events", "x.jsonl").exit()).isEqualTo(2);
        assertThat(run("backtest", "--rules", rules, "--compare", rules, rules, "--events", "x.jsonl").exit())
                .isEqualTo(2);
        CliRun jsonl = run("backtest", "--compare", rules, rules, "--events", "x.jsonl", "--format", "jsonl");
        assertThat(jsonl.exit()).isEqualTo(2);
        assertThat(jsonl.err())
                .isEqualTo("--format jsonl does not apply to --compare, which prints a Markdown table\n");
        CliRun from = run("backtest", "--rules", rules, "--events", "x.jsonl", "--from", "yesterday");
        assertThat(from.exit()).isEqualTo(2);
        assertThat(from.err()).startsWith("--from: 'yesterday' is not a time");
        CliRun missing = run("backtest", "--rules", rules, "--events", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("nope.jsonl");
    }
}
