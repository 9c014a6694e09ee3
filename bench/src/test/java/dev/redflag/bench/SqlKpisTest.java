package dev.redflag.bench;

import dev.redflag.config.JobConfig;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import dev.redflag.event.Envelope;
import dev.redflag.event.EventDecoder;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.pipeline.OfflineKpis;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The SQL baseline computes the same numbers as redflag: three hours of the demo's traffic (two
 * tenants, every event type, a few broken records and out-of-order events) through both, every
 * SQL KPI compared series by series and window by window with what {@link OfflineKpis} (the job's
 * KPI operators) emits.
 */
class SqlKpisTest {

    private static final List<WindowSpec> HOURLY = List.of(WindowSpec.tumbling(Duration.ofHours(1)));
    private static final KpiCatalog CATALOG = Bench.catalog(Path.of("../alerts-config/rules"), HOURLY);

    private static List<byte[]> lines;
    private static List<KpiValue> redflag;
    private static List<SqlKpis.Value> sql;

    @BeforeAll
    static void runBoth() throws Exception {
        TrafficModel model = TrafficModel.defaults().withTenants(List.of("acme", "globex"));
        TrafficGenerator generator = new TrafficGenerator(model, List.of(), 11, Instant.parse("2026-03-02T09:00:00Z"));
        lines = generator.minutes(180).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        redflag = OfflineKpis.run("fixed", lines, JobConfig.defaults("localhost:9092"), CATALOG).values();
        sql = sql(lines);
    }

    private static List<SqlKpis.Value> sql(List<byte[]> records) throws Exception {
        EventDecoder decoder = new EventDecoder();
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            envelopes.add(Envelope.of(decoder.decode(records.get(i)), null, records.get(i), "fixed", 0, i));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        // nothing is late in either run: the offline run holds event time until the input ends
        var events = env.fromData(envelopes).assignTimestampsAndWatermarks(SqlBaseline.eventTime(Duration.ofDays(1)));
        List<SqlKpis.Value> values = new ArrayList<>();
        SqlKpis.define(tables, events).executeAndCollect().forEachRemaining(values::add);
        return values;
    }

    @Test
    void theSqlCoversTheCatalogsPlainWindowedKpisAtTheirDefaultDimensions() {
        assertThat(SqlKpis.names()).containsExactly("bounce_rate", "conversion_rate", "nps", "cpa", "ctr",
                "cpc", "email_open_rate", "email_click_rate", "unsubscribe_rate", "ngr_to_bets", "bets_to_deposits",
                "sessions", "signups", "revenue", "arpu_revenue", "support_queue_depth");
        for (SqlKpis.Kpi kpi : SqlKpis.KPIS) {
            if (kpi.name().equals("arpu_revenue")) {
                assertThat(CATALOG.spec("arpu").by()).isEqualTo(kpi.by());
                continue;
            }
            KpiSpec spec = CATALOG.spec(kpi.name());
            assertThat(kpi.by()).as(kpi.name()).isEqualTo(spec.by());
            assertThat(spec.windows()).as(kpi.name()).isEqualTo(HOURLY);
            assertThat(kpi.ratio()).as(kpi.name()).isEqualTo(spec.aggregation().isRatio());
        }
    }

    @Test
    void everySqlKpiHasRedflagsSeriesWindowsAndValues() {
        Map<String, KpiValue> expected = new TreeMap<>();
        for (KpiValue v : redflag) {
            if (SqlKpis.names().contains(v.kpi())) {
                expected.put(key(v.kpi(), v.dims(), v.windowStart()), v);
            }
        }
        Map<String, SqlKpis.Value> actual = new TreeMap<>();
        for (SqlKpis.Value v : sql) {
            if (!v.kpi().equals("arpu_revenue")) {
                actual.put(key(v.kpi(), v.dims(), v.windowStart()), v);
            }
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        Map<String, Integer> perKpi = new HashMap<>();
        for (Map.Entry<String, KpiValue> e : expected.entrySet()) {
            KpiValue want = e.getValue();
            SqlKpis.Value got = actual.get(e.getKey());
            assertThat(got.value()).as(e.getKey()).isCloseTo(want.value(), within(1e-9 * Math.max(1, Math.abs(want.value()))));
            assertThat(got.samples()).as(e.getKey()).isEqualTo(want.sample());
            if (CATALOG.spec(want.kpi()).aggregation().isRatio()) {
                assertThat(got.numerator()).as(e.getKey()).isCloseTo(want.numerator(), within(1e-6));
                assertThat(got.denominator()).as(e.getKey()).isCloseTo(want.denominator(), within(1e-6));
            }
            perKpi.merge(want.kpi(), 1, Integer::sum);
        }
        // every KPI is exercised by the fixed input, over its three hours at least
        assertThat(perKpi.keySet()).containsExactlyInAnyOrderElementsOf(
                SqlKpis.names().stream().filter(n -> !n.equals("arpu_revenue")).toList());
        perKpi.forEach((kpi, n) -> assertThat(n).as(kpi).isGreaterThanOrEqualTo(3));
    }

    /** ARPU's numerator is the tenant's order revenue of the window, as the customer ledger sums it. */
    @Test
    void arpuRevenueIsTheNumeratorOfRedflagsArpu() {
        Map<String, Double> expected = new TreeMap<>();
        for (KpiValue v : redflag) {
            if (v.kpi().equals("arpu")) {
                expected.put(key("arpu", v.dims(), v.windowStart()), v.numerator());
            }
        }
        Map<String, Double> actual = new TreeMap<>();
        for (SqlKpis.Value v : sql) {
            if (v.kpi().equals("arpu_revenue")) {
                actual.put(key("arpu", v.dims(), v.windowStart()), v.value());
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual.keySet()).containsAll(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isCloseTo(v, within(1e-6)));
    }

    private static String key(String kpi, Map<String, String> dims, long windowStart) {
        return kpi + " " + new TreeMap<>(dims) + " " + Instant.ofEpochMilli(windowStart);
    }
}
