package dev.redflag.bench;

import org.apache.flink.api.common.accumulators.IntCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Passes records through and counts them in an accumulator the benchmark reads at the end. */
final class Counting<T> extends RichMapFunction<T, T> {

    private final String name;
    private transient IntCounter counter;

    Counting(String name) {
        this.name = name;
    }

    @Override
    public void open(OpenContext context) {
        counter = new IntCounter();
        getRuntimeContext().addAccumulator(name, counter);
    }

    @Override
    public T map(T value) {
        counter.add(1);
        return value;
    }
}
