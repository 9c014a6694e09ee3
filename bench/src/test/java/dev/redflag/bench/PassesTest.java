package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PassesTest {

    /** A pass of {@code events} events read in {@code seconds}, with a checkpoint of {@code checkpoint} bytes. */
    private static Result pass(double seconds, long checkpoint) {
        return new Result("run", 1_000_000, seconds, 2, 1, checkpoint, 10, 0, "note");
    }

    private static Passes threeRounds() {
        Passes passes = new Passes();
        // round by round: sql 500k, 250k, 400k events/s; heap 250k, 200k, 400k events/s
        passes.add("sql", pass(2.0, -1), -1);
        passes.add("heap", pass(4.0, 8_000), 100);
        passes.add("sql", pass(4.0, -1), -1);
        passes.add("heap", pass(5.0, 6_000), 100);
        passes.add("sql", pass(2.5, -1), -1);
        passes.add("heap", pass(2.5, 10_000), 100);
        return passes;
    }

    @Test
    void theRateIsTheMedianPassWithItsRange() {
        Passes.Spread heap = threeRounds().rate("heap");

        assertThat(heap.median()).isEqualTo(250_000);
        assertThat(heap.min()).isEqualTo(200_000);
        assertThat(heap.max()).isEqualTo(400_000);
        assertThat(heap.relativeRange()).isCloseTo(0.8, within(1e-12));
    }

    /** Ratios are taken within a round (0.5, 0.8, 1.0), not between the two medians (250k / 400k). */
    @Test
    void aRatioIsTakenRoundByRound() {
        Passes.Spread ratio = threeRounds().ratio("heap", "sql");

        assertThat(ratio.median()).isCloseTo(0.8, within(1e-12));
        assertThat(ratio.min()).isCloseTo(0.5, within(1e-12));
        assertThat(ratio.max()).isCloseTo(1.0, within(1e-12));
        assertThat(ratio.n()).isEqualTo(3);
    }

    @Test
    void anEvenCountHasTheMeanOfTheMiddleTwoAsMedian() {
        assertThat(Passes.Spread.of(new double[]{4, 1, 3, 2}).median()).isEqualTo(2.5);
    }

    @Test
    void theRowIsTheMedianPassAndItsNoteGivesTheSpread() {
        Result row = threeRounds().median("heap");

        assertThat(row.perSecond()).isEqualTo(250_000);
        assertThat(row.note()).isEqualTo("median of 3 passes (200,000–400,000 events/s, range 80% of the median); note");
    }

    @Test
    void checkpointSizeAndSeriesAreMediansOverThePassesThatHaveThem() {
        Passes passes = threeRounds();

        assertThat(passes.checkpointSize("heap")).isEqualTo(8_000);
        assertThat(passes.checkpointSize("sql")).isEqualTo(-1);
        assertThat(passes.series("heap")).isEqualTo(100);
        assertThat(passes.series("sql")).isEqualTo(-1);
    }

    @Test
    void theReportHasEveryPassTheRatiosWithTargetsAndTheFeatureCost() {
        Passes passes = threeRounds();
        passes.add("heap-noslices", pass(4.0, 7_000), 100);
        passes.add("heap-noslices", pass(4.0, 5_000), 100);
        passes.add("heap-noslices", pass(2.0, 9_000), 100);

        String report = PassesReport.of(passes, 3);

        assertThat(report).contains("| redflag, heap state | 250,000 | 200,000 | 400,000 | 250,000 | 80% |")
                .contains("| redflag on heap / Flink SQL baseline | 80% | 50–100% | >= 100% |")
                // heap over slices off, round by round: 250k/250k, 200k/250k, 400k/500k
                .contains("| slices on / off (heap) | 80% | 80–100% | >= 85% |")
                .contains("| redflag, heap state, slices off | 250,000 | +0.0% | 0.0 MiB | 100 | 70 |")
                .doesNotContain("RocksDB / heap");
    }

    /** A pass of a million events read in {@code seconds} that used {@code cpu} CPU-seconds. */
    private static Result pass(double seconds, double cpu) {
        return new Result("run", 1_000_000, seconds, 2, 1, -1, 10, 0, "note", cpu);
    }

    /**
     * The CPU ratio is taken round by round too: per CPU-second sql 500k, 400k, 500k; heap 250k,
     * 250k, 200k; ratios 0.5, 0.625, 0.4, while the wall-clock ratios (4/8, 2/5, 2/5) differ.
     */
    private static Passes withCpu() {
        Passes passes = new Passes();
        passes.add("sql", pass(4.0, 2.0), -1);
        passes.add("heap", pass(8.0, 4.0), 100);
        passes.add("sql", pass(2.0, 2.5), -1);
        passes.add("heap", pass(5.0, 4.0), 100);
        passes.add("sql", pass(2.0, 2.0), -1);
        passes.add("heap", pass(5.0, 5.0), 100);
        return passes;
    }

    @Test
    void theCpuRatioIsEventsPerCpuSecondRoundByRound() {
        Passes passes = withCpu();

        Passes.Spread cpu = passes.cpuRatio("heap", "sql");
        assertThat(cpu.median()).isCloseTo(0.5, within(1e-12));
        assertThat(cpu.min()).isCloseTo(0.4, within(1e-12));
        assertThat(cpu.max()).isCloseTo(0.625, within(1e-12));
        assertThat(passes.ratio("heap", "sql").median()).isCloseTo(0.4, within(1e-12));
        assertThat(passes.cpuRate("sql").median()).isEqualTo(500_000);
    }

    @Test
    void withoutCpuTimesThereIsNoCpuRatio() {
        Passes passes = threeRounds();

        assertThat(passes.cpuRatio("heap", "sql")).isNull();
        assertThat(passes.cpuRate("heap")).isNull();
        assertThat(PassesReport.of(passes, 3)).doesNotContain("## Passes per CPU-second")
                .contains("| redflag on heap / Flink SQL baseline | 80% | 50–100% | >= 100% | - | - |");
    }

    @Test
    void theReportGivesThePassesPerCpuSecondAndTheCpuRatios() {
        String report = PassesReport.of(withCpu(), 3);

        assertThat(report).contains("## Passes per CPU-second")
                .contains("| redflag, heap state | 250,000 | 250,000 | 200,000 | 250,000 | 20% |")
                .contains("| redflag on heap / Flink SQL baseline | 40% | 40–50% | >= 100% | 50% | 40–63% |");
    }

    @Test
    void aResultCrossesFromTheChildJvmWithItsCpuTime() {
        Result sent = pass(4.0, 3.25);

        assertThat(Result.fromLine(sent.toLine())).isEqualTo(sent);
    }
}
