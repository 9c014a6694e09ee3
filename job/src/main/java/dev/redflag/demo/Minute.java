package dev.redflag.demo;

import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The simulated minute being generated, as seen by the event sources: its time span, the
 * day-cycle traffic factor, the incident script, where records go and how to schedule follow-ups.
 * One instance is advanced minute by minute so sources need no per-minute allocation.
 */
final class Minute {

    static final long MILLIS = 60_000;

    private static final long DAY_MILLIS = 86_400_000L;

    private record Scheduled(long at, long seq, FollowUp action) {
    }

    private final long simulationStart;
    private final double seasonality;
    private final long busiestMillisOfDay;
    private final MinuteBatch out;
    private final IncidentSchedule incidents;
    private final PriorityQueue<Scheduled> pending = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long scheduledCount;

    private long from;
    private double traffic;

    Minute(long simulationStart, double seasonality, long busiestMillisOfDay, MinuteBatch out,
           IncidentSchedule incidents) {
        this.simulationStart = simulationStart;
        this.seasonality = seasonality;
        this.busiestMillisOfDay = busiestMillisOfDay;
        this.out = out;
        this.incidents = incidents;
    }

    /** Moves to the minute starting at {@code minuteStart}. */
    void advance(long minuteStart) {
        from = minuteStart;
        traffic = dayCycle(minuteStart + MILLIS / 2, seasonality, busiestMillisOfDay);
        out.start(minuteStart);
    }

    /** Runs every follow-up due before the end of this minute, including ones scheduled meanwhile. */
    void runFollowUps() {
        long to = from + MILLIS;
        while (!pending.isEmpty() && pending.peek().at < to) {
            Scheduled s = pending.poll();
            s.action.fire(this, s.at);
        }
    }

    /** The minute's records in order; call after the sources and follow-ups have run. */
    List<String> finish() {
        return out.finish();
    }

    long from() {
        return from;
    }

    boolean isFirst() {
        return from == simulationStart;
    }

    /** Milliseconds from the simulation start to {@code at}. */
    long sinceStart(long at) {
        return at - simulationStart;
    }

    /** Multiplier on organic volume for the time of day. */
    double traffic() {
        return traffic;
    }

    IncidentSchedule incidents() {
        return incidents;
    }

    /** A uniformly random instant in this minute. */
    long randomTime(SplittableRandom r) {
        return from + r.nextInt((int) MILLIS);
    }

    RecordWriter begin(String type, long at, String tenant) {
        return out.begin(type, at, tenant);
    }

    void commit() {
        out.commit();
    }

    /** Runs {@code action} when the simulation reaches {@code at} (not before this minute). */
    void schedule(long at, FollowUp action) {
        pending.add(new Scheduled(Math.max(at, from), scheduledCount++, action));
    }

    /**
     * {@code 1 + amplitude * cos(2π (t − busiest) / 1 day)} for the UTC time of day {@code t} of
     * {@code at}: highest at {@code busiestMillisOfDay}, lowest 12 hours later.
     */
    static double dayCycle(long at, double amplitude, long busiestMillisOfDay) {
        double sinceBusiest = Math.floorMod(at - busiestMillisOfDay, DAY_MILLIS) / (double) DAY_MILLIS;
        return 1 + amplitude * Math.cos(2 * Math.PI * sinceBusiest);
    }
}
