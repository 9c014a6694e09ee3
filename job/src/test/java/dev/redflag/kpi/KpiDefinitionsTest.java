package dev.redflag.kpi;

import dev.redflag.yaml.ConfigException;
import dev.redflag.event.EmailEvent;
import dev.redflag.event.Event;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.redflag.kpi.Events.T;
import static dev.redflag.kpi.Events.email;
import static dev.redflag.kpi.Events.metric;
import static dev.redflag.kpi.Events.nps;
import static dev.redflag.kpi.Events.order;
import static dev.redflag.kpi.Events.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiDefinitionsTest {

    private static final List<WindowSpec> HOUR = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    private static List<KpiValue> compute(KpiCatalog catalog, List<? extends Event> events) throws Exception {
        ContributionExtractor extractor = new ContributionExtractor(catalog);
        List<Contribution> in = new ArrayList<>();
        events.forEach(e -> extractor.extract(e, in::add));
        try (KeyedRun<Contribution> run = new KeyedRun<>(new WindowedKpiFunction(catalog, 0),
                Contribution::key, Contribution::ts)) {
            return run.send(in).watermark(Long.MAX_VALUE).drain();
        }
    }

    private static KpiValue only(List<KpiValue> values, String kpi) {
        List<KpiValue> m = values.stream().filter(v -> v.kpi().equals(kpi)).toList();
        assertThat(m).as(kpi).hasSize(1);
        return m.get(0);
    }

    @Test
    void theShippedDefinitionsLoadAndComputeTheirKpis() throws Exception {
        KpiCatalog catalog = KpiDefinitions.load(Path.of("../alerts-config/kpis.yaml"), HOUR);
        assertThat(catalog.specs()).containsKeys("bounce_rate", "unsubscribe_rate", "signups",
                "revenue", "support_queue_depth");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(email("2026-11-24T10:00:00Z", EmailEvent.Action.DELIVERED));
        }
        events.add(email("2026-11-24T10:10:00Z", EmailEvent.Action.UNSUBSCRIBE));
        events.add(email("2026-11-24T10:11:00Z", EmailEvent.Action.UNSUBSCRIBE));
        events.add(session("2026-11-24T10:00:00Z", "/a", "ads", 2, true));
        events.add(session("2026-11-24T10:01:00Z", "/a", "ads", 2, false));
        events.add(session("2026-11-24T10:02:00Z", "/b", "ads", 1, true));
        events.add(order("2026-11-24T10:00:00Z", "c1", 20.5, 5, "ads", false));
        events.add(order("2026-11-24T10:30:00Z", "c2", 30, 5, "ads", true));
        events.add(metric("2026-11-24T10:00:00Z", "support_queue_depth", 7, Map.of("team", "l1")));
        events.add(metric("2026-11-24T10:05:00Z", "support_queue_depth", 12, Map.of("team", "l1")));
        events.add(metric("2026-11-24T10:09:00Z", "support_queue_depth", 9, Map.of("team", "l1")));
        events.add(metric("2026-11-24T10:09:00Z", "other_metric", 99, Map.of("team", "l1")));
        List<KpiValue> out = compute(catalog, events);

        KpiValue unsubscribe = only(out, "unsubscribe_rate");
        assertThat(unsubscribe.value()).isEqualTo(0.05);
        assertThat(unsubscribe.dims()).isEqualTo(Map.of("tenant", T, "campaign", "newsletter"));
        KpiValue signups = only(out, "signups");
        assertThat(signups.value()).isEqualTo(2);
        assertThat(signups.isRatio()).isFalse();
        assertThat(only(out, "revenue").value()).isEqualTo(50.5);
        KpiValue queue = only(out, "support_queue_depth");
        assertThat(queue.value()).isEqualTo(12);
        assertThat(queue.dims()).isEqualTo(Map.of("tenant", T, "team", "l1"));
    }

    @Test
    void theCatalogSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        KpiCatalog catalog = KpiDefinitions.load(Path.of("../alerts-config/kpis.yaml"), HOUR);
        KpiCatalog shipped = org.apache.flink.util.InstantiationUtil.clone(catalog);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(email("2026-11-24T10:00:00Z", EmailEvent.Action.DELIVERED));
        }
        events.add(email("2026-11-24T10:10:00Z", EmailEvent.Action.UNSUBSCRIBE));
        assertThat(only(compute(shipped, events), "unsubscribe_rate").value()).isEqualTo(0.05);
    }

    @Test
    void numericFiltersMeanAndLastAndSeedOverrides() throws Exception {
        KpiCatalog catalog = KpiDefinitions.parse("""
                seed:
                  nps:
                    by: [tenant]
                  ngr_to_bets:
                    enabled: false
                custom:
                  - name: promoters
                    kind: count
                    event: nps
                    where: {score: {gte: 9}}
                  - name: mean_score
                    kind: mean
                    event: nps
                    field: score
                    where: {segment: [smb, mid]}
                  - name: last_score
                    kind: last
                    event: nps
                    field: score
                    where: {product: {not: legacy}}
                """, "kpis.yaml", HOUR);
        assertThat(catalog.contains("ngr_to_bets")).isFalse();
        assertThat(catalog.spec("nps").by()).containsExactly("tenant");
        List<KpiValue> out = compute(catalog, List.of(nps("2026-11-24T10:00:00Z", 10),
                nps("2026-11-24T10:01:00Z", 9), nps("2026-11-24T10:02:00Z", 3),
                nps("2026-11-24T10:03:00Z", 6)));
        assertThat(only(out, "promoters").value()).isEqualTo(2);
        assertThat(only(out, "mean_score").value()).isEqualTo(7);
        assertThat(only(out, "last_score").value()).isEqualTo(6);
        assertThat(only(out, "nps").dims()).isEqualTo(Map.of("tenant", T));
    }

    @Test
    void everyProblemIsReportedWithItsPosition() {
        assertThatThrownBy(() -> KpiDefinitions.parse("""
                seed:
                  bounce_rat:
                    by: [page]
                  churn_rate:
                    windows: [1d]
                custom:
                  - name: Bad-Name
                    kind: count
                    event: session
                  - name: refunds
                    kind: sum
                    event: order
                    field: amout
                  - name: clicks
                    kind: count
                    event: sesion
                  - name: opens
                    kind: ratio
                    numerator: {event: email, where: {action: open}}
                  - name: weird
                    kind: median
                    event: session
                    windoes: [1h]
                  - name: bounce_rate
                    kind: count
                    event: session
                """, "kpis.yaml", HOUR))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "kpis.yaml:2:3: seed.bounce_rat: not a seed KPI; did you mean 'bounce_rate'?; define new KPIs under 'custom'",
                        "kpis.yaml:4:3: seed.churn_rate: the customer KPIs churn_rate, retention_rate, arpu, clv, clv_to_cpa are computed by one operator, so 'by' and 'windows' must be the same on all of them; set the same values on each",
                        "kpis.yaml:7:11: custom[0].name: KPI names are lower_snake_case ([a-z][a-z0-9_]*), got 'Bad-Name'",
                        "kpis.yaml:13:12: custom[1].field: 'amout' is not a numeric field of order events; use one of amount, margin",
                        "kpis.yaml:16:12: custom[2].event: unknown event type 'sesion'; did you mean 'session'?; types are session, lead, nps, subscription, order, ad_spend, email, wallet, metric",
                        "kpis.yaml:17:5: custom[3].denominator: a ratio needs 'denominator', e.g. denominator: {event: email, where: {action: open}}",
                        "kpis.yaml:21:11: custom[4].kind: unknown kind 'median'; use one of count, sum, mean, min, max, last, ratio, metric",
                        "kpis.yaml:23:5: custom[4].windoes: unknown key 'windoes'; did you mean 'windows'?",
                        "kpis.yaml:24:11: custom[5].name: KPI 'bounce_rate' is already defined; choose another name"));
    }

    @Test
    void brokenYamlIsOneProblemWithItsPosition() {
        assertThatThrownBy(() -> KpiDefinitions.parse("custom:\n  - name: x\n   kind: count\n", "kpis.yaml", HOUR))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kpis.yaml:3:");
    }

    @Test
    void currencySaysHowMoneyReadsInAlerts() {
        KpiCatalog catalog = KpiDefinitions.parse("currency: EUR\n", "kpis.yaml", HOUR);

        assertThat(catalog.currency()).isEqualTo("EUR");
        assertThat(catalog.format("arpu").value(12.4)).isEqualTo("12.40 EUR");
        assertThat(KpiDefinitions.parse("currency: \"€\"\n", "kpis.yaml", HOUR).format("cpc").value(0.5))
                .isEqualTo("€0.50");
        assertThat(KpiDefinitions.parse("seed: {}\n", "kpis.yaml", HOUR).currency()).isEmpty();
        assertThatThrownBy(() -> KpiDefinitions.parse("currency: [EUR]\n", "kpis.yaml", HOUR))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kpis.yaml:1:")
                .hasMessageContaining("currency is an ISO code such as EUR or a symbol such as €");
    }

    @Test
    void slicesAreCheckedAgainstTheEventsThatFeedTheKpiWithPositions() {
        assertThatThrownBy(() -> KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    slices: [page, pageviews, session_id, chanel, device, device]
                    max_slices: 0
                  churn_rate:
                    slices: [plan]
                custom:
                  - name: biggest_order
                    kind: max
                    event: order
                    field: amount
                    slices: [channel]
                  - name: cost_per_signup
                    kind: ratio
                    numerator: {event: ad_spend, field: cost}
                    denominator: {event: session, where: {converted: true}}
                    slices: [campaign, dims.region]
                  - name: too_many
                    kind: count
                    event: session
                    slices: [a, b, c, d, e]
                    max_slices: lots
                """, "kpis.yaml", HOUR))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "kpis.yaml:3:14: seed.bounce_rate.slices[0]: 'page' is already in 'by': each series has one page, so it cannot be split by it",
                        "kpis.yaml:3:20: seed.bounce_rate.slices[1]: 'pageviews' is a numeric field of session events; slice by a string field or a dim",
                        "kpis.yaml:3:31: seed.bounce_rate.slices[2]: 'session_id' identifies single session events; a slice per ID would only fill the cap",
                        "kpis.yaml:3:43: seed.bounce_rate.slices[3]: 'chanel' is not a field of session events; did you mean 'channel'? (write dims.chanel for a dim of that name)",
                        "kpis.yaml:3:59: seed.bounce_rate.slices[5]: dimension 'device' is listed twice",
                        "kpis.yaml:4:17: seed.bounce_rate.max_slices: expected a whole number from 1 to 1000 (combinations of slice values kept per series and window)",
                        "kpis.yaml:6:13: seed.churn_rate.slices: churn_rate is computed by the customer ledger, which keeps no slices; slices are for KPIs computed from events in windows",
                        "kpis.yaml:12:13: custom[0].slices: a max cannot be split into slices that add up to it; slices are for count, sum, mean and ratio KPIs",
                        "kpis.yaml:17:14: custom[1].slices[0]: 'campaign' is a field of ad_spend events but not of session events, which would all fall in campaign=unknown",
                        "kpis.yaml:21:13: custom[2].slices: at most 4 slice dimensions (their pairs are reported too), got 5",
                        "kpis.yaml:22:17: custom[2].max_slices: expected a number"));
    }

    @Test
    void slicesAndTheirCapAreReadAndADefaultSliceMovedIntoByIsDropped() {
        KpiCatalog catalog = KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    by: [tenant, page, channel]
                  ctr:
                    max_slices: 5
                  nps:
                    slices: []
                custom:
                  - name: signups
                    kind: count
                    event: session
                    where: {converted: true}
                    slices: [channel, dims.region]
                """, "kpis.yaml", HOUR);
        assertThat(catalog.spec("bounce_rate").slices()).containsExactly("device");
        assertThat(catalog.spec("ctr").slices()).containsExactly("campaign");
        assertThat(catalog.spec("ctr").maxSlices()).isEqualTo(5);
        assertThat(catalog.spec("nps").isSliced()).isFalse();
        assertThat(catalog.spec("signups").slices()).containsExactly("channel", "dims.region");
        assertThat(catalog.spec("signups").maxSlices()).isEqualTo(KpiSpec.DEFAULT_MAX_SLICES);
        assertThat(catalog.spec("conversion_rate").slices()).containsExactly("device");
        assertThat(catalog.spec("cpa").isSliced()).isFalse();
    }
}
