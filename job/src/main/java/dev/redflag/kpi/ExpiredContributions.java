package dev.redflag.kpi;

import java.io.Serializable;

/**
 * Counts the contributions the window operator cannot add because their window has expired there:
 * its end plus the allowed lateness is behind the operator's watermark, so its state is gone and
 * its value final. The event gate judges lateness against the watermark of the source subtask that
 * read the event, while the window operator's watermark is the least over the source subtasks that
 * are not idle. When a partition counted as idle (silent for {@code event-time.idleness}) comes back
 * behind another partition that moved on, its events pass the gate and still find their windows
 * expired; Flink's idleness works this way. Created on the task manager, like the gate's counters.
 */
public interface ExpiredContributions extends AutoCloseable {

    /** One contribution of {@code kpi} came after its window (one of its windows, when sliding) expired. */
    void dropped(String kpi);

    @Override
    void close();

    /** Creates the counter inside the running task. */
    @FunctionalInterface
    interface Factory extends Serializable {
        ExpiredContributions create();
    }

    Factory NONE = () -> new ExpiredContributions() {
        @Override
        public void dropped(String kpi) {
        }

        @Override
        public void close() {
        }
    };
}
