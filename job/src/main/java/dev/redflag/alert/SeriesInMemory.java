package dev.redflag.alert;

import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.eval.SeriesHistory;
import dev.redflag.rules.eval.SliceBaseline;

/** One series' latest value, history and alert states in fields: for replays and tests, where the job has keyed state. */
public final class SeriesInMemory implements SeriesStep.Series {

    private final AlertStatesInMemory alerts = new AlertStatesInMemory();
    private KpiValue last;
    private SeriesHistory history;
    private SliceBaseline slices;

    @Override
    public KpiValue last() {
        return last;
    }

    @Override
    public void last(KpiValue value) {
        last = value;
    }

    @Override
    public SeriesHistory history() {
        return history;
    }

    @Override
    public void history(SeriesHistory history) {
        this.history = history;
    }

    @Override
    public SliceBaseline slices() {
        return slices;
    }

    @Override
    public void slices(SliceBaseline slices) {
        this.slices = slices;
    }

    @Override
    public AlertStatesInMemory alerts() {
        return alerts;
    }
}
