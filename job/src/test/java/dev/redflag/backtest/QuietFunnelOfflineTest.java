package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.pipeline.OfflineKpis;
import dev.redflag.pipeline.RuleOperators;
import dev.redflag.config.EventTimeConfig;
import dev.redflag.config.JobConfig;
import dev.redflag.event.Decoded;
import dev.redflag.event.EventDecoder;
import dev.redflag.event.LeadEvent;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.kpi.funnel.LeadFact;
import dev.redflag.kpi.funnel.LeadFacts;
import dev.redflag.kpi.funnel.LeadFunnelFunction;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * A funnel key that goes quiet reports offline ({@code redflag kpis}, backtests) what it reports
 * live: 10 MQLs wait on the ads channel, which then says nothing for three days while sessions
 * keep event time moving. Live, the funnel reports their median age every hour; so must an
 * offline run over the same lines, up to the end of the data and no further, and a rule on that
 * age must fire in the backtest when it fires live.
 */
class QuietFunnelOfflineTest {

    private static final long T0 = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long MINUTE = 60_000;
    private static final String RULES = """
            groups:
              - name: funnel
                rules:
                  - alert: MqlsWaitingADay
                    kpi: mql_age_p50
                    match: {channel: ads}
                    when: {above: 24}
                    severity: warning
            """;

    private final KpiCatalog catalog = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    private final JobConfig config = historyConfig();

    /** MQLs at 10:00, 10:05 .. 10:45 on ads; a session every hour at half past, for three days. */
    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add("{\"type\":\"lead\",\"ts\":\"" + Instant.ofEpochMilli(T0 + i * 5 * MINUTE)
                    + "\",\"tenant\":\"acme\",\"lead_id\":\"L" + i + "\",\"stage\":\"mql\",\"channel\":\"ads\"}");
        }
        for (int h = 0; h <= 72; h++) {
            lines.add("{\"type\":\"session\",\"ts\":\"" + Instant.ofEpochMilli(T0 + h * HOUR + 30 * MINUTE)
                    + "\",\"tenant\":\"acme\",\"session_id\":\"s" + h + "\",\"page\":\"/home\",\"pageviews\":2}");
        }
        return lines;
    }

    /**
     * The ages, hour by hour: the ten waited 60, 55 .. 15 minutes at 11:00 (median 37.5 minutes),
     * an hour more at each boundary after, up to 11:00 three days later, which closes the window
     * of the last session.
     */
    private static List<KpiValue> expectedAges() {
        List<KpiValue> ages = new ArrayList<>();
        for (int k = 0; k <= 72; k++) {
            long end = T0 + HOUR + k * HOUR;
            ages.add(new KpiValue("mql_age_p50", "1h", Map.of("tenant", "acme", "channel", "ads"), end - HOUR, end,
                    0.625 + k, Double.NaN, Double.NaN, 10));
        }
        return ages;
    }

    @Test
    void aQuietFunnelKeyReportsEveryHourOfflineAsLive() throws Exception {
        List<KpiValue> offline = ages(OfflineKpis.run("quiet", bytes(lines()), config, catalog).values());
        List<KpiValue> live = ages(live().values());

        assertThat(live).isEqualTo(expectedAges());
        assertThat(offline).isEqualTo(live);
    }

    @Test
    void aRuleOnTheQuietKeyFiresInTheBacktestAsLive() throws Exception {
        RuleBundle bundle = new RuleBundle(new TreeMap<>(Map.of("funnel.yaml", RULES)));
        RuleSet rules = RuleLoader.parse(RULES, "funnel.yaml", catalog);
        Backtest backtest = Backtest.of(rules, OfflineKpis.run("quiet", bytes(lines()), config, catalog, bundle),
                catalog);
        List<AlertEvent> live = live().alerts();

        // a day and an hour after the first MQL the median passes 24 hours: 24.625
        assertThat(live).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.transition().at(),
                        e -> e.transition().value())
                .containsExactly(tuple("MqlsWaitingADay", dev.redflag.alert.Transition.Phase.FIRING,
                        T0 + 25 * HOUR, 24.625));
        assertThat(backtest.transitions()).isEqualTo(live);
    }

    /** What the live job emits: KPI values and alert transitions. */
    private record Live(List<KpiValue> values, List<AlertEvent> alerts) {
    }

    /**
     * The live job's funnel and alerting operators in their harnesses, fed in the order of the
     * lines, each event followed by the watermark the live source would emit after it (newest
     * event time minus the out-of-orderness); then the watermark an hour later, once the window of
     * the last session has closed, as a live job that keeps running gets it.
     */
    private Live live() throws Exception {
        KpiSpec rate = catalog.spec("mql_to_sql_rate");
        KpiSpec age = catalog.spec("mql_age_p50");
        LeadFacts facts = new LeadFacts(rate.by());
        long outOfOrderness = config.eventTime().maxOutOfOrderness().toMillis();
        String bundle = new String(new RuleBundle(new TreeMap<>(Map.of("funnel.yaml", RULES))).toJson(),
                StandardCharsets.UTF_8);
        List<KpiValue> values = new ArrayList<>();
        List<AlertEvent> alerts = new ArrayList<>();
        EventDecoder decoder = new EventDecoder();
        try (var funnel = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new LeadFunnelFunction(rate, age, config.kpis().entityTtl().toMillis())), LeadFact::key, Types.STRING);
             RuleOperators rules = new RuleOperators(catalog, AlertLifecycle.DEFAULT, bundle)) {
            funnel.open();
            long newest = Long.MIN_VALUE;
            for (String line : lines()) {
                Decoded decoded = decoder.decode(line.getBytes(StandardCharsets.UTF_8));
                if (decoded.event() instanceof LeadEvent lead) {
                    funnel.processElement(new StreamRecord<>(facts.of(lead), lead.ts()));
                }
                newest = Math.max(newest, decoded.event().ts());
                advance(funnel, rules, newest - outOfOrderness - 1, values, alerts);
            }
            advance(funnel, rules, T0 + 73 * HOUR + 30 * MINUTE, values, alerts);
        }
        return new Live(values, alerts);
    }

    /** The watermark reaches the funnel, its values the rule operators, then the watermark them. */
    private static void advance(KeyedOneInputStreamOperatorTestHarness<String, LeadFact, KpiValue> funnel,
                                RuleOperators rules, long watermark, List<KpiValue> values,
                                List<AlertEvent> alerts) throws Exception {
        funnel.processWatermark(watermark);
        List<KpiValue> emitted = funnel.extractOutputValues();
        funnel.getOutput().clear();
        for (KpiValue v : emitted) {
            rules.value(v);
        }
        rules.watermark(watermark);
        values.addAll(emitted);
        alerts.addAll(rules.drain());
    }

    private static List<KpiValue> ages(List<KpiValue> values) {
        return values.stream().filter(v -> v.kpi().equals("mql_age_p50")).toList();
    }

    private static List<byte[]> bytes(List<String> lines) {
        return lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The lines are history: the guard against timestamps ahead of the wall clock is lifted. */
    private static JobConfig historyConfig() {
        JobConfig config = JobConfig.defaults("localhost:9092");
        EventTimeConfig t = config.eventTime();
        return config.withEventTime(new EventTimeConfig(t.maxOutOfOrderness(), t.idleness(), t.allowedLateness(),
                Duration.ofDays(365L * 1000)));
    }
}
