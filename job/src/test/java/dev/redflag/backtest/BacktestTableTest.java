package dev.redflag.backtest;

import dev.redflag.kpi.KpiValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static dev.redflag.backtest.Fixtures.RULES;
import static org.assertj.core.api.Assertions.assertThat;

class BacktestTableTest {

    private static final Map<String, String> PRICING = Map.of("tenant", "acme", "page", "/pricing");
    private static final Map<String, String> ADS = Map.of("tenant", "acme", "channel", "ads");

    /** 13 hours: /pricing bounces at 0.75, 0.8123 and 0.6 in hours 6..9; acme/ads stalls from hour 5. */
    private static List<KpiValue> values() {
        List<KpiValue> values = new ArrayList<>();
        for (int h = 1; h <= 13; h++) {
            double bounce = switch (h) {
                case 7 -> 0.75;
                case 8 -> 0.81234;
                case 9 -> 0.6;
                default -> 0.3;
            };
            values.add(Fixtures.value("bounce_rate", PRICING, h, bounce));
            values.add(Fixtures.value("mql_to_sql_rate", ADS, h, h >= 5 ? 0 : 0.4));
        }
        return values;
    }

    @Test
    void onePeriodPerRowThenEveryRuleWithItsFiringHours() {
        Fixtures.Bounce pricing = new Fixtures.Bounce("/pricing");
        Timeline timeline = Timeline.of(List.of(pricing.pending(6, 0.5), pricing.pending(7, 0.75),
                pricing.firing(8, 0.81234), Fixtures.stallFiring(7), pricing.resolved(8, 10, 0.3)), CATALOG);
        List<KpiValue> values = values();
        String table = BacktestTable.render(RULES, timeline, new Peaks(values, RULES, CATALOG), HistorySpan.of(values),
                SeriesDays.of(values, RULES, CATALOG), "For a chart, add --chart backtest.html");
        assertThat(table).isEqualTo("""
                ALERT             LABELS                     FROM                  TO                    PEAK   NOTES
                MqlToSqlStalled   channel=ads,tenant=acme    2026-11-02T07:00:00Z  still firing          0%%
                BounceRateRising  page=/pricing,tenant=acme  2026-11-02T08:00:00Z  2026-11-02T10:00:00Z  81.2%%  pending 1h

                RULE                    SEVERITY  PERIODS  FIRING HOURS  PENDING ONLY  SERIES-DAYS  BY CHANCE
                web/BounceRateRising    warning   1        2.0           1             0.5          -
                funnel/MqlToSqlStalled  critical  1        6.0           0             0.5          -
                2 rules evaluated (version %s) over 2026-11-02T00:00:00Z .. 2026-11-02T13:00:00Z: \
                2 firing periods from 2 rules, 8.0 firing hours.
                For a chart, add --chart backtest.html
                """.formatted(RULES.version()));
    }

    @Test
    void silentRulesStillGetTheirRow() {
        List<KpiValue> values = values();
        String table = BacktestTable.render(RULES, Timeline.of(List.of(), CATALOG), new Peaks(values, RULES, CATALOG),
                HistorySpan.of(values), SeriesDays.of(values, RULES, CATALOG), null);
        assertThat(table).isEqualTo("""
                No alert fired.

                RULE                    SEVERITY  PERIODS  FIRING HOURS  PENDING ONLY  SERIES-DAYS  BY CHANCE
                web/BounceRateRising    warning   0        0.0           0             0.5          -
                funnel/MqlToSqlStalled  critical  0        0.0           0             0.5          -
                2 rules evaluated (version %s) over 2026-11-02T00:00:00Z .. 2026-11-02T13:00:00Z: \
                0 firing periods from 0 rules, 0.0 firing hours.
                """.formatted(RULES.version()));
    }

    @Test
    void aShiftRuleShowsTheFiringsChanceMayExplainOverItsSeriesDays() {
        dev.redflag.rules.RuleSet shift = dev.redflag.rules.RuleLoader.parse("""
                groups:
                  - name: web
                    rules:
                      - alert: BounceRateRising
                        kpi: bounce_rate
                        window: auto
                        when: {shift: rise, percent: 25}
                        severity: warning
                """, "web.yaml", CATALOG);
        List<KpiValue> values = new ArrayList<>();
        for (int h = 1; h <= 24 * 40; h++) {
            values.add(Fixtures.value("bounce_rate", PRICING, h, 0.3));
            values.add(Fixtures.value("bounce_rate", Map.of("tenant", "acme", "page", "/home"), h, 0.3));
        }
        // 2 series x 40 days; at sensitivity 5 each judges 7 resolutions an hour at z 3.85 (one-sided
        // alpha 5.91e-5): 80 series-days x 24 x 7 x 5.91e-5 = 0.79
        String table = BacktestTable.render(shift, Timeline.of(List.of(), CATALOG), new Peaks(values, shift, CATALOG),
                HistorySpan.of(values), SeriesDays.of(values, shift, CATALOG), null);
        assertThat(table).contains("""
                RULE                  SEVERITY  PERIODS  FIRING HOURS  PENDING ONLY  SERIES-DAYS  BY CHANCE
                web/BounceRateRising  warning   0        0.0           0             80.0         <= 0.79
                """);
    }
}
