package dev.redflag.kpi;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The KPI topic's JSON: ratio parts for ratios, sample always, second moments when known. */
class KpiValueJsonTest {

    private static final long START = Events.at("2026-11-20T10:00:00Z");
    private static final long END = Events.at("2026-11-20T11:00:00Z");
    private final KpiValueJson json = new KpiValueJson();

    @Test
    void aRatioWithMomentsWritesThemAfterTheSample() {
        KpiValue nps = new KpiValue("nps", "1h", Map.of("tenant", "default", "segment", "smb"), START, END, 25, 1, 4,
                4, 3, 1, 4);
        assertThat(json.write(nps)).isEqualTo("{\"kpi\":\"nps\",\"window\":\"1h\","
                + "\"dims\":{\"segment\":\"smb\",\"tenant\":\"default\"},"
                + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                + "\"value\":25,\"numerator\":1,\"denominator\":4,\"sample\":4,"
                + "\"numeratorSquares\":3,\"crossProducts\":1,\"denominatorSquares\":4}");
    }

    @Test
    void aSumHasMomentsWithoutRatioPartsAndAMaximumHasNeither() {
        KpiValue revenue = new KpiValue("revenue", "1h", Map.of(), START, END, 30.5, Double.NaN, Double.NaN, 2,
                500.25, 30.5, 2);
        assertThat(json.write(revenue)).endsWith("\"value\":30.5,\"sample\":2,"
                + "\"numeratorSquares\":500.25,\"crossProducts\":30.5,\"denominatorSquares\":2}");
        KpiValue max = new KpiValue("biggest_order", "1h", Map.of(), START, END, 20, Double.NaN, Double.NaN, 2);
        assertThat(json.write(max)).endsWith("\"value\":20,\"sample\":2}");
    }
}
