package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;
import java.util.function.ToLongFunction;

/** Drives a keyed KPI operator through Flink's operator test harness, watermarks by hand. */
public final class KeyedRun<IN> implements AutoCloseable {

    private final KeyedOneInputStreamOperatorTestHarness<String, IN, KpiValue> harness;
    private final ToLongFunction<IN> timestamp;

    public KeyedRun(KeyedProcessFunction<String, IN, KpiValue> function, KeySelector<IN, String> key,
             ToLongFunction<IN> timestamp) throws Exception {
        this(function, key, timestamp, null);
    }

    /** A run that starts from {@code restored}, a snapshot of an earlier run, as after a failover. */
    public KeyedRun(KeyedProcessFunction<String, IN, KpiValue> function, KeySelector<IN, String> key,
             ToLongFunction<IN> timestamp, OperatorSubtaskState restored) throws Exception {
        this(function, key, timestamp, restored, null);
    }

    /** A run on {@code backend} (the harness' heap backend when null), from {@code restored} if given. */
    public KeyedRun(KeyedProcessFunction<String, IN, KpiValue> function, KeySelector<IN, String> key,
             ToLongFunction<IN> timestamp, OperatorSubtaskState restored, StateBackend backend)
            throws Exception {
        this.harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), key, Types.STRING);
        this.timestamp = timestamp;
        if (backend != null) {
            harness.setStateBackend(backend);
        }
        if (restored != null) {
            harness.setup();
            harness.initializeState(restored);
        }
        harness.open();
    }

    public KeyedRun<IN> send(List<IN> inputs) throws Exception {
        for (IN in : inputs) {
            harness.processElement(new StreamRecord<>(in, timestamp.applyAsLong(in)));
        }
        return this;
    }

    public KeyedRun<IN> watermark(long ts) throws Exception {
        harness.processWatermark(ts);
        return this;
    }

    /** Everything emitted since the last call. */
    public List<KpiValue> drain() {
        List<KpiValue> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    public OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1, 1);
    }

    public KeyedOneInputStreamOperatorTestHarness<String, IN, KpiValue> harness() {
        return harness;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
