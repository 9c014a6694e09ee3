package dev.redflag.kpi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a series keeps of its latest value: everything but the slices and examples. */
class KpiValueTest {

    @Test
    void withoutDetailDropsSlicesAndExamplesAndKeepsEveryOtherField() {
        Examples examples = new Examples(List.of(new Example(Events.at("2026-11-20T10:50:00Z"), "s-1",
                List.of(ExampleField.text("channel", "ads")))), Map.of());
        KpiValue full = new KpiValue("nps", "1h", Map.of("tenant", "default", "segment", "smb"),
                KpiValueJsonTest.SLICED_NPS.windowStart(), KpiValueJsonTest.SLICED_NPS.windowEnd(), 25, 1, 4, 4, 3, 1,
                4, KpiValueJsonTest.SLICED_NPS.slices(), examples);

        KpiValue kept = full.withoutDetail();

        assertThat(kept).isEqualTo(new KpiValue("nps", "1h", Map.of("tenant", "default", "segment", "smb"),
                full.windowStart(), full.windowEnd(), 25, 1, 4, 4, 3, 1, 4));
        assertThat(kept.slices()).isEmpty();
        assertThat(kept.examples().isEmpty()).isTrue();
    }

    @Test
    void aValueWithoutDetailIsItsOwnSummary() {
        KpiValue plain = new KpiValue("revenue", "1h", Map.of(), 0, 3_600_000, 30.5, Double.NaN, Double.NaN, 2,
                500.25, 30.5, 2);
        assertThat(plain.withoutDetail()).isSameAs(plain);
    }
}
