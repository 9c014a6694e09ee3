package dev.redflag.rules;

import dev.redflag.labels.Matcher;
import dev.redflag.labels.Matcher.Op;
import dev.redflag.rules.Condition.Absent;
import dev.redflag.rules.Condition.All;
import dev.redflag.rules.Condition.Anomaly;
import dev.redflag.rules.Condition.AnomalyMethod;
import dev.redflag.rules.Condition.Any;
import dev.redflag.rules.Condition.Baseline;
import dev.redflag.rules.Condition.Change;
import dev.redflag.rules.Condition.Direction;
import dev.redflag.rules.Condition.Significance;
import dev.redflag.rules.Condition.Stall;
import dev.redflag.rules.Condition.Threshold;
import dev.redflag.rules.Condition.Trend;
import dev.redflag.rules.Rule.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.redflag.rules.RuleFixtures.CATALOG;
import static dev.redflag.rules.RuleFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

class RuleLoaderTest {

    private static final Path VALID = DIR.resolve("valid");
    private static final String EVERY = VALID.resolve("every-kind.yaml").toString();
    private static final double NaN = Double.NaN;

    @TempDir
    Path tmp;

    @Test
    void everyConditionKindParsesToItsRecord() {
        RuleSet set = RuleLoader.load(VALID.resolve("every-kind.yaml"), CATALOG);

        Map<String, String> web = Map.of("team", "web");
        assertThat(set.rules()).containsExactly(
                new Rule("web-engagement", "BounceRateRising", "bounce_rate", "1h",
                        List.of(new Matcher("page", Op.EQUAL, "/pricing"), new Matcher("tenant", Op.NOT_EQUAL, "test"),
                                new Matcher("channel", Op.REGEX, "spring.*")),
                        new Change(Direction.UP, 20, NaN, new Baseline(Baseline.Kind.SAME_HOUR_LAST_WEEK, 1)),
                        200, Duration.ofMinutes(15), Duration.ofMinutes(10), new Threshold(Direction.DOWN, 0.5),
                        "warning", Map.of("team", "web", "owner", "growth"),
                        Map.of("summary", "Bounce rate on {{page}} is {{value}} (baseline {{baseline}})",
                                "runbook_url", "https://wiki.example/bounce-rate"),
                        Mode.SHADOW, EVERY + ":6:9"),
                new Rule("web-engagement", "BounceRateHigh", "bounce_rate", "1d/1h",
                        List.of(new Matcher("page", Op.NOT_REGEX, "/blog/.*")), new Threshold(Direction.UP, 0.6),
                        0, Duration.ZERO, Duration.ZERO, null, "info", web, Map.of(), Mode.LIVE, EVERY + ":25:9"),
                new Rule("web-engagement", "ConversionDropped", "conversion_rate", null, List.of(),
                        new Change(Direction.DOWN, NaN, 0.05, new Baseline(Baseline.Kind.TRAILING_MEAN, 24)),
                        0, Duration.ZERO, Duration.ZERO, null, "critical", web,
                        Map.of("summary", "{{labels.team}}: conversion on {{channel}} fell to {{value}}"),
                        Mode.LIVE, EVERY + ":32:9"),
                new Rule("web-engagement", "ConversionSignificantlyDown", "conversion_rate", null, List.of(),
                        new Significance(Direction.DOWN, 0.99, new Baseline(Baseline.Kind.SAME_WEEKDAY, 4)),
                        0, Duration.ZERO, Duration.ZERO, null, "warning", web, Map.of(), Mode.LIVE, EVERY + ":39:9"),
                new Rule("funnel", "SqlStalled", "mql_to_sql_rate", null, List.of(), new Stall(20, 3),
                        0, Duration.ZERO, Duration.ZERO, null, "critical", Map.of(),
                        Map.of("summary", "{{#denominator}}0 SQL from {{denominator}} MQL{{/denominator}} on {{channel}}"),
                        Mode.LIVE, EVERY + ":46:9"),
                new Rule("funnel", "MqlAgeGrowing", "mql_age_p50", null, List.of(), new Trend(Direction.UP, 6, 0.5),
                        0, Duration.ZERO, Duration.ZERO, null, "warning", Map.of(), Map.of(), Mode.LIVE, EVERY + ":53:9"),
                new Rule("funnel", "NpsAnomaly", "nps", null, List.of(),
                        new Anomaly(AnomalyMethod.ROBUST_Z, 48, 5, null),
                        0, Duration.ZERO, Duration.ZERO, null, "info", Map.of(), Map.of(), Mode.LIVE, EVERY + ":58:9"),
                new Rule("funnel", "CtrAnomalyDown", "ctr", null, List.of(),
                        new Anomaly(AnomalyMethod.EWMA, 24, 8, Direction.DOWN),
                        0, Duration.ZERO, Duration.ZERO, null, "warning", Map.of(), Map.of(), Mode.LIVE, EVERY + ":63:9"),
                new Rule("funnel", "SignupsMissing", "signups", null, List.of(), new Absent(Duration.ofHours(2), true),
                        0, Duration.ZERO, Duration.ZERO, null, "critical", Map.of(), Map.of(), Mode.LIVE, EVERY + ":68:9"),
                new Rule("funnel", "RevenueQuiet", "revenue", null, List.of(), new Absent(Duration.ofMinutes(90), false),
                        0, Duration.ZERO, Duration.ZERO, null, "warning", Map.of(), Map.of(), Mode.LIVE, EVERY + ":73:9"),
                new Rule("funnel", "ChurnOutOfBand", "churn_rate", null, List.of(),
                        new Any(List.of(new Threshold(Direction.UP, 0.08), new All(List.of(
                                new Change(Direction.UP, 50, NaN, new Baseline(Baseline.Kind.PREVIOUS_WINDOW, 1)),
                                new Threshold(Direction.DOWN, 0.02))))),
                        0, Duration.ZERO, Duration.ZERO,
                        new All(List.of(new Threshold(Direction.DOWN, 0.06), new Threshold(Direction.UP, 0.01))),
                        "critical", Map.of(), Map.of(), Mode.LIVE, EVERY + ":78:9"));
        assertThat(set.groups()).containsExactly("web-engagement", "funnel");
        assertThat(set.files()).containsExactly("every-kind.yaml");
    }

    @Test
    void anomalyTakesTheRangeMethodAndASeason() {
        RuleSet set = RuleLoader.parse(RuleFixtures.rule("kpi: nps",
                "when: {anomaly: range, windows: 1500, season: day, direction: up}", "severity: info"), "r.yaml", CATALOG);
        assertThat(set.rules().get(0).condition()).isEqualTo(new Anomaly(AnomalyMethod.RANGE, 1500, 5, Direction.UP,
                Condition.Season.DAY));
        RuleSet weekly = RuleLoader.parse(RuleFixtures.rule("kpi: nps", "when: {anomaly: robust_z, season: week}",
                "severity: info"), "r.yaml", CATALOG);
        assertThat(weekly.rules().get(0).condition()).isEqualTo(new Anomaly(AnomalyMethod.ROBUST_Z, 48, 5, null,
                Condition.Season.WEEK));
        assertThat(Condition.Season.WEEK.length()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aShiftWithWindowAutoPoolsTheFinestWindowAndAStallWithItIsStatistical() {
        RuleSet set = RuleLoader.parse(RuleFixtures.rule("kpi: bounce_rate", "window: auto",
                "when: {shift: rise, percent: 25, sensitivity: 7}", "severity: info"), "r.yaml", CATALOG);
        Rule rule = set.rules().get(0);
        assertThat(rule.window()).isEqualTo("1h");
        assertThat(rule.condition()).isEqualTo(new Condition.Shift(Direction.UP, 25, Double.NaN, 7, true, false, false,
                null));
        RuleSet named = RuleLoader.parse(RuleFixtures.rule("kpi: nps", "when: {shift: drop, absolute: 15}",
                "severity: info"), "r.yaml", CATALOG);
        // NPS adds −1 for a detractor: signed, judged by the normal approximation; no window: its own
        assertThat(named.rules().get(0).condition()).isEqualTo(new Condition.Shift(Direction.DOWN, Double.NaN, 15, 5,
                false, false, true, null));
        RuleSet stall = RuleLoader.parse(RuleFixtures.rule("kpi: mql_to_sql_rate", "window: auto",
                "when: {stall: true}", "severity: info"), "r.yaml", CATALOG);
        assertThat(stall.rules().get(0).condition()).isEqualTo(new Condition.Shift(Direction.DOWN, 100, Double.NaN, 5,
                true, true, false, null));
    }

    @Test
    void theCalendarOfAnyFileReachesEveryShift() {
        RuleSet set = RuleLoader.parseAll(Map.of("a.yaml", RuleFixtures.rule("kpi: bounce_rate", "window: auto",
                "when: {all: [{shift: rise, percent: 25}, {above: 0.2}]}", "severity: info"), "calendar.yaml", """
                calendar:
                  exclude_from_baselines:
                    - {date: 2026-12-25, reason: Christmas}
                    - {from: 2026-11-27, to: 2026-11-30, reason: Black Friday}
                    - {from: "2026-12-01T08:00:00Z", to: "2026-12-01T20:00:00Z"}
                """), CATALOG);
        Condition.Shift shift = (Condition.Shift) ((Condition.All) set.rules().get(0).condition()).conditions().get(0);
        long christmas = java.time.Instant.parse("2026-12-25T00:00:00Z").toEpochMilli();
        long blackFriday = java.time.Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();
        long day = Duration.ofDays(1).toMillis();
        long morning = java.time.Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();
        assertThat(shift.excluded()).isEqualTo(new ExcludedPeriods(List.of(new long[] {christmas, christmas + day},
                new long[] {blackFriday, blackFriday + 4 * day}, new long[] {morning, morning + 12 * 3_600_000L}),
                List.of("Christmas", "Black Friday", "")));
        assertThat(shift.excluded().overlaps(blackFriday + 3 * day, blackFriday + 3 * day + 1)).isTrue();
        assertThat(shift.excluded().overlaps(blackFriday + 4 * day, blackFriday + 4 * day + 8 * 3_600_000L)).isFalse();
        assertThat(set.files()).containsExactly("a.yaml", "calendar.yaml");
    }

    @Test
    void aDirectoryContributesItsYamlFilesInNameOrder() {
        RuleSet set = RuleLoader.load(VALID, CATALOG);

        assertThat(RuleLoader.ruleFiles(VALID)).containsExactly(VALID.resolve("every-kind.yaml"), VALID.resolve("more.yml"));
        assertThat(set.files()).containsExactly("every-kind.yaml", "more.yml");
        assertThat(set.groups()).containsExactly("web-engagement", "funnel", "revenue");
        assertThat(set.rules()).hasSize(12);
        assertThat(set.rules().get(11)).isEqualTo(new Rule("revenue", "RevenueStalled", "revenue", null, List.of(),
                new Stall(1, 2), 0, Duration.ZERO, Duration.ZERO, null, "warning", Map.of(), Map.of(), Mode.LIVE,
                VALID.resolve("more.yml") + ":4:9"));
        assertThat(set.byKpi("revenue")).extracting(Rule::id)
                .containsExactly("funnel/RevenueQuiet", "revenue/RevenueStalled");
        assertThat(set.byId("funnel/NpsAnomaly").kpi()).isEqualTo("nps");
        assertThat(set.byId("funnel/Nope")).isNull();
    }

    @Test
    void theVersionHashesFileNamesAndContentsInNameOrder() throws Exception {
        String a = "groups: []\n";
        String b = "groups:\n  - name: x\n    rules: []\n";
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("a.yaml\0groups: []\n\0b.yaml\0groups:\n  - name: x\n    rules: []\n\0".getBytes(StandardCharsets.UTF_8));
        String expected = HexFormat.of().formatHex(sha.digest()).substring(0, 12);

        Map<String, String> files = new LinkedHashMap<>();
        files.put("dir/b.yaml", b);
        files.put("dir/a.yaml", a);
        RuleSet set = RuleLoader.parseAll(files, CATALOG);

        assertThat(set.version()).isEqualTo(expected);
        assertThat(set.groups()).containsExactly("x");
        assertThat(RuleLoader.parseAll(Map.of("other/a.yaml", a.replace("\n", "\r\n"), "b.yaml", b), CATALOG).version())
                .as("same names and text elsewhere, CRLF line ends").isEqualTo(expected);
        assertThat(RuleLoader.parseAll(Map.of("a.yaml", a, "b.yaml", b + "# changed\n"), CATALOG).version())
                .isNotEqualTo(expected);
    }

    @Test
    void windowsAreReadInTheirCanonicalSpellingAndMatchersInEveryForm() {
        RuleSet set = RuleLoader.parse(RuleFixtures.rule(
                "kpi: bounce_rate",
                "window: 60m",
                "match: {page: \"=!weird\", channel: 7, tenant: \"!~t[0-9]+\"}",
                "when: {above: 1}",
                "severity: info"), "r.yaml", CATALOG);

        Rule rule = set.rules().get(0);
        assertThat(rule.window()).isEqualTo("1h");
        assertThat(rule.matchers()).containsExactly(new Matcher("page", Op.EQUAL, "!weird"),
                new Matcher("channel", Op.EQUAL, "7"), new Matcher("tenant", Op.NOT_REGEX, "t[0-9]+"));
        assertThat(rule.origin()).isEqualTo("r.yaml:4:9");
    }

    @Test
    void groupLabelsAreAddedToEveryRuleAndTheRulesOwnWin() {
        RuleSet set = RuleLoader.parse("""
                groups:
                  - name: g
                    labels: {team: web, tier: "1"}
                    rules:
                      - alert: A
                        kpi: nps
                        when: {below: 0}
                        severity: info
                        labels: {team: growth, urgent: true}
                """, "r.yaml", CATALOG);

        assertThat(set.rules().get(0).labels()).isEqualTo(Map.of("team", "growth", "tier", "1", "urgent", "true"));
    }

    @Test
    void emptyFilesAndEmptyGroupsHoldNoRules() {
        RuleSet set = RuleLoader.parseAll(Map.of("empty.yaml", "", "comment.yaml", "# nothing yet\n",
                "g.yaml", "groups:\n  - name: later\n    rules: []\n"), CATALOG);

        assertThat(set.rules()).isEmpty();
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.groups()).containsExactly("later");
        assertThat(set.files()).containsExactly("comment.yaml", "empty.yaml", "g.yaml");
    }

    @Test
    void hiddenAndOtherFilesAndSubdirectoriesAreNotRead() throws Exception {
        Files.writeString(tmp.resolve("r.yaml"), "groups: []\n");
        Files.writeString(tmp.resolve(".r.yaml.swp"), "junk");
        Files.writeString(tmp.resolve(".hidden.yaml"), "groups: [");
        Files.writeString(tmp.resolve("notes.md"), "groups: [");
        Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(tmp.resolve("sub/x.yaml"), "groups: [");

        assertThat(RuleLoader.ruleFiles(tmp)).containsExactly(tmp.resolve("r.yaml"));
        assertThat(RuleLoader.load(tmp, CATALOG).files()).containsExactly("r.yaml");
    }

    @Test
    void aRuleSetSurvivesJavaSerialization() throws Exception {
        RuleSet set = RuleLoader.load(VALID, CATALOG);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(set);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(set);
        }
    }
}
