package dev.redflag.local;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.local.ScalePass.Shape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleReportTest {

    /** A pass reading at {@code rate} with the TaskManagers busy {@code cores} cores, so CPU per event is cores / rate. */
    private static ScalePass pass(Shape shape, int round, double rate, double cores) {
        return new ScalePass(shape, round, new InputRate(rate, (long) (rate * 10), 10),
                Map.of(ScaleProjection.SOURCE, 0.5, KeyCensus.LEDGER, 0.25),
                Map.of("taskmanager-1", cores, "kafka", 0.2), Map.of("taskmanager-1", cores / rate, "kafka", 0.2 / rate),
                8 * 1_048_576L, 1_048_576L, new SlotState(new long[shape.slots()]), 200 * 1_048_576L, "1.00 1.00 1.00 → 2.00 2.00 2.00");
    }

    @Test
    void givesEveryShapeItsOwnRowAndChecksTheProjectionAgainstEachSlotCount() {
        KeyCensus census = new KeyCensus(KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1)))));
        List<ScalePass> passes = List.of(
                pass(new Shape(1, 1), 1, 100_000, 1.5), pass(new Shape(1, 2), 1, 70_000, 1.4),
                pass(new Shape(2, 1), 1, 50_000, 1.5), pass(new Shape(1, 1), 2, 120_000, 1.8),
                pass(new Shape(1, 2), 2, 60_000, 1.5), pass(new Shape(2, 1), 2, 40_000, 1.6));

        String text = new ScaleReport(1_000_000, 4, 20, "1 1 1", "2 2 2", passes, census, List.of(), t -> census)
                .markdown();

        // 1 × 1: median of 100,000 and 120,000; 1.5 / 100,000 and 1.8 / 120,000 are both 15 µs per event
        assertThat(text).contains("| 1 | 1 TM × 1 slot | 110,000 (100,000–120,000) | 110,000 | 1.00× | 15.00 |");
        // 1 × 2 and 2 × 1 are two points of 2 slots, each against the 110,000 of one slot
        assertThat(text).contains("| 2 | 1 TM × 2 slots | 65,000 (60,000–70,000) | 32,500 | 0.59× |");
        assertThat(text).contains("| 2 | 2 TM × 1 slot | 45,000 (40,000–50,000) | 22,500 | 0.41× |");
        // the check takes every pass of 2 slots: median of 70,000, 50,000, 60,000, 40,000
        assertThat(text).contains("| 2 | 220,000 |").contains("| 55,000 (40,000–70,000) |");
    }
}
