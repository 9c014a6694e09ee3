package dev.redflag.kpi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void oneWriterWritesEachValuesOwnWindowAndNonAsciiTextAsUtf8() {
        long nextEnd = Events.at("2026-11-20T12:00:00Z");
        KpiValue first = new KpiValue("sessions", "1h", Map.of("page", "/café"), START, END, 3, Double.NaN,
                Double.NaN, 3);
        KpiValue second = new KpiValue("sessions", "1h", Map.of("page", "/café"), END, nextEnd, 4, Double.NaN,
                Double.NaN, 4);
        KpiValue daily = new KpiValue("sessions", "1d", Map.of("page", "/café"), START, nextEnd, 7, Double.NaN,
                Double.NaN, 7);

        assertThat(json.write(first)).contains("\"/café\"",
                "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\"");
        assertThat(json.write(second)).contains(
                "\"windowStart\":\"2026-11-20T11:00:00Z\",\"windowEnd\":\"2026-11-20T12:00:00Z\"");
        assertThat(new String(json.bytes(daily), UTF_8)).contains(
                "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T12:00:00Z\"");
        assertThat(json.bytes(first)).hasSize(json.write(first).getBytes(UTF_8).length);
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

    /** Answers 10, 9 and 3 on the app (+1, +1, -1) and 8 on the web (0): the NPS example of the docs, sliced by product. */
    static final KpiValue SLICED_NPS = new KpiValue("nps", "1h", Map.of("tenant", "default", "segment", "smb"), START,
            END, 25, 1, 4, 4, 3, 1, 4, List.of(new Slice("product=app", 1, 3, 3, 3, 1, 3),
            new Slice("product=web", 0, 1, 1, 0, 0, 1)));

    static final String SLICED_NPS_JSON = "{\"kpi\":\"nps\",\"window\":\"1h\","
            + "\"dims\":{\"segment\":\"smb\",\"tenant\":\"default\"},"
            + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
            + "\"value\":25,\"numerator\":1,\"denominator\":4,\"sample\":4,"
            + "\"numeratorSquares\":3,\"crossProducts\":1,\"denominatorSquares\":4,"
            + "\"slices\":[{\"name\":\"product=app\",\"numerator\":1,\"denominator\":3,\"samples\":3,"
            + "\"numeratorSquares\":3,\"crossProducts\":1,\"denominatorSquares\":3},"
            + "{\"name\":\"product=web\",\"numerator\":0,\"denominator\":1,\"samples\":1,"
            + "\"numeratorSquares\":0,\"crossProducts\":0,\"denominatorSquares\":1}]}";

    @Test
    void slicesFollowTheMomentsAndReadBack() {
        assertThat(json.write(SLICED_NPS)).isEqualTo(SLICED_NPS_JSON);
        assertThat(json.read(SLICED_NPS_JSON)).isEqualTo(SLICED_NPS);
    }

    @Test
    void recordsWrittenBeforeSlicesOrMomentsReadWithNoneAndNaN() {
        KpiValue back = json.read("{\"kpi\":\"nps\",\"window\":\"1h\",\"dims\":{\"segment\":\"smb\"},"
                + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                + "\"value\":25,\"numerator\":1,\"denominator\":4,\"sample\":4}");
        assertThat(back).isEqualTo(new KpiValue("nps", "1h", Map.of("segment", "smb"), START, END, 25, 1, 4, 4));
        assertThat(back.slices()).isEmpty();
        assertThat(back.numeratorSquares()).isNaN();
        // a value that is not a ratio, with a NaN written as null
        KpiValue max = json.read("{\"kpi\":\"biggest_order\",\"window\":\"1h\",\"dims\":{},"
                + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                + "\"value\":null,\"sample\":2}");
        assertThat(max.value()).isNaN();
        assertThat(max.isRatio()).isFalse();
    }

    @Test
    void anUnslicedValueWritesNoSlicesAndEveryWrittenValueReadsBack() {
        KpiValue revenue = new KpiValue("revenue", "1h", Map.of(), START, END, 30.5, Double.NaN, Double.NaN, 2,
                500.25, 30.5, 2);
        assertThat(json.write(revenue)).doesNotContain("slices");
        assertThat(json.read(json.write(revenue))).isEqualTo(revenue);
    }

    @Test
    void aRecordWithoutItsKeysIsRefusedByName() {
        assertThatThrownBy(() -> json.read("{\"kpi\":\"nps\",\"window\":\"1h\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a KPI value: 'windowStart' is missing");
        assertThatThrownBy(() -> json.read("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a KPI value: expected a JSON object");
    }
}
