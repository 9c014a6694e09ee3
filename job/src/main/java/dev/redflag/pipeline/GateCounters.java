package dev.redflag.pipeline;

import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.EventType;

import java.io.Serializable;

/** What the event gate counts; created on the task manager, where the metrics endpoint lives. */
public interface GateCounters extends AutoCloseable {

    void eventIn(EventType type);

    /** An event let in although behind the watermark (within the allowed lateness). */
    void lateEvent(EventType type);

    void deadLetter(DeadLetterReason reason);

    @Override
    void close();

    /** Creates the counters inside the running task. */
    @FunctionalInterface
    interface Factory extends Serializable {
        GateCounters create();
    }

    Factory NONE = () -> new GateCounters() {
        @Override
        public void eventIn(EventType type) {
        }

        @Override
        public void lateEvent(EventType type) {
        }

        @Override
        public void deadLetter(DeadLetterReason reason) {
        }

        @Override
        public void close() {
        }
    };
}
