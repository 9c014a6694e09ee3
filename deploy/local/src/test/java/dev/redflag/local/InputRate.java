package dev.redflag.local;

import java.util.List;
import java.util.Optional;

/**
 * Events/s while the events source read its input, from samples of its records-out counter taken
 * while a job runs: between the first sample that saw a record and the last that had not yet seen
 * them all. Both ends lie inside the reading, so the rate holds neither the job's start-up before
 * the first record nor the part of a sampling period after the last; it needs at least two samples
 * inside the reading.
 *
 * @param records records read between the two samples
 * @param seconds wall time between them
 */
record InputRate(double perSecond, long records, double seconds) {

    /** The summed records-out of the events source at one moment (monotonic nanoseconds). */
    record Sample(long nanos, long records) {
    }

    /** The rate over the samples of one run; empty when fewer than two fall inside the reading of {@code target} records. */
    static Optional<InputRate> of(List<Sample> samples, long target) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < samples.size(); i++) {
            long records = samples.get(i).records();
            if (records > 0 && records < target) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0 || last <= first) {
            return Optional.empty();
        }
        Sample a = samples.get(first);
        Sample b = samples.get(last);
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        long records = b.records() - a.records();
        return Optional.of(new InputRate(records / seconds, records, seconds));
    }
}
