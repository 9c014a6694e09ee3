package dev.redflag.ruletest;

import dev.redflag.alert.ActiveRules;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.config.EventTimeConfig;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.pipeline.OfflineKpis;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay behind {@code redflag test} moves alerts exactly as the job's alerting operators do,
 * whenever a test looks at them.
 */
class ReplayTest {

    private static final String RULES = """
            groups:
              - name: replay
                rules:
                  - alert: BounceHigh
                    kpi: bounce_rate
                    when: {above: 0.5}
                    for: 1h
                    keep_firing_for: 2h
                    severity: warning
                  - alert: PageSilent
                    kpi: bounce_rate
                    when: {absent: 3h}
                    severity: info
                  - alert: NoSessions
                    kpi: bounce_rate
                    when: {absent: 2h, scope: kpi}
                    severity: critical
            """;
    private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    private final RuleSet rules = RuleLoader.parse(RULES, "replay.yaml", catalog);

    @Test
    void transitionsAreTheJobsOnTheSameEvents() throws Exception {
        // /a bounces for three hours, calms down, is silent from 5h to 9h and reports once more;
        // /b reports every hour until 10h; then all input ends
        List<byte[]> lines = new ArrayList<>();
        for (int hour : new int[]{0, 1, 2, 3, 4, 9}) {
            for (int s = 0; s < 4; s++) {
                boolean bounced = hour < 3 ? s < 3 : s == 3;
                lines.add(session(hour, s, "/a", bounced ? 1 : 3));
            }
        }
        for (int hour = 0; hour < 10; hour++) {
            lines.add(session(hour, 5, "/b", 3));
        }
        RuleBundle bundle = new RuleBundle(new TreeMap<>(Map.of("replay.yaml", RULES)));
        JobConfig config = JobConfig.defaults("localhost:9092");
        EventTimeConfig t = config.eventTime();
        config = config.withEventTime(new EventTimeConfig(t.maxOutOfOrderness(), t.idleness(), t.allowedLateness(),
                Duration.ofDays(365L * 1000))); // the events are history whatever the clock says

        OfflineKpis.Result job = OfflineKpis.run("replay", lines, config, catalog, bundle);
        List<String> replayed = shown(new Replay(new ActiveRules(rules, catalog), AlertLifecycle.DEFAULT)
                .run(job.values(), List.of(T0 + 24 * HOUR)).transitions());

        assertThat(replayed).isEqualTo(shown(job.alerts()));
        assertThat(replayed).containsExactly(
                "+1h PENDING BounceHigh{page=/a}",
                "+2h FIRING BounceHigh{page=/a}",
                "+5h RESOLVED BounceHigh{page=/a}",
                "+8h FIRING PageSilent{page=/a}",
                "+10h RESOLVED PageSilent{page=/a}",
                "+12h FIRING NoSessions{}",
                "+13h FIRING PageSilent{page=/a}",
                "+13h FIRING PageSilent{page=/b}");
    }

    @Test
    void whenATestLooksChangesNothing() throws Exception {
        List<KpiValue> values = new ArrayList<>();
        double[] a = {0.7, 0.7, 0.7, 0.2, 0.2};
        for (int i = 0; i < a.length; i++) {
            values.add(bounce("/a", i, a[i]));
        }
        values.add(bounce("/b", 0, 0.2));
        values.add(bounce("/a", 9, 0.2));
        List<Long> everyTenMinutes = new ArrayList<>();
        for (long t = T0; t <= T0 + 12 * HOUR; t += HOUR / 6) {
            everyTenMinutes.add(t);
        }

        List<String> once = shown(replay(values, List.of(T0 + 12 * HOUR)));
        List<String> often = shown(replay(values, everyTenMinutes));

        assertThat(often).isEqualTo(once);
        assertThat(once).containsExactly(
                "+1h PENDING BounceHigh{page=/a}",
                "+2h FIRING BounceHigh{page=/a}",
                "+4h FIRING PageSilent{page=/b}",
                "+5h RESOLVED BounceHigh{page=/a}",
                "+7h FIRING NoSessions{}",
                "+8h FIRING PageSilent{page=/a}",
                "+10h RESOLVED NoSessions{}",
                "+10h RESOLVED PageSilent{page=/a}",
                "+12h FIRING NoSessions{}");
    }

    private List<AlertEvent> replay(List<KpiValue> values, List<Long> times) throws Exception {
        return new Replay(new ActiveRules(rules, catalog), AlertLifecycle.DEFAULT).run(values, times).transitions();
    }

    private static KpiValue bounce(String page, int hour, double value) {
        long start = T0 + hour * HOUR;
        return new KpiValue("bounce_rate", "1h", new TreeMap<>(Map.of("tenant", "acme", "page", page)), start,
                start + HOUR, value, value * 100, 100, 100);
    }

    private static byte[] session(int hour, int n, String page, int pageviews) {
        String ts = Instant.ofEpochMilli(T0 + hour * HOUR + (n + 1) * 60_000L).toString();
        return ("{\"type\":\"session\",\"ts\":\"" + ts + "\",\"tenant\":\"acme\",\"session_id\":\"" + page + hour + n
                + "\",\"page\":\"" + page + "\",\"pageviews\":" + pageviews + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** "+2h FIRING BounceHigh{page=/a}", in time order (ties by text: the job's order among them is free). */
    private static List<String> shown(List<AlertEvent> events) {
        List<AlertEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong((AlertEvent e) -> e.transition().at())
                .thenComparing(e -> e.alertname() + e.labels()));
        List<String> out = new ArrayList<>();
        for (AlertEvent e : sorted) {
            Map<String, String> page = e.labels().containsKey("page") ? Map.of("page", e.labels().get("page")) : Map.of();
            out.add("+" + (e.transition().at() - T0) / HOUR + "h " + e.phase() + " " + e.alertname() + page);
        }
        return out;
    }
}
