package dev.redflag.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Realistic marketing traffic with scripted incidents, one simulated minute at a time, as the JSON
 * records the job reads. It exists so that the demo, tests and benchmarks all see the same kind of
 * data: baselines that look like a real business (see {@link TrafficModel}), the incidents of a
 * script (see {@link Incidents}), consistent ids across events (a lead moves lead → MQL → SQL; only
 * started subscribers cancel), a little out-of-order arrival and a few broken lines.
 *
 * <p>Output depends only on the model, the script, the seed and the simulation start: the
 * generator never reads a clock, and every kind of traffic of every tenant draws from its own
 * random stream split off the seed, so retuning one kind leaves the events of the others as they
 * were (only which records get an out-of-order shift can change).
 *
 * <p>Not thread-safe; one instance per producer.
 */
public final class TrafficGenerator {

    private final TrafficModel model;
    private final List<Incident> incidents;
    private final long simulationStart;
    private final Minute minute;
    private final List<Source> sources = new ArrayList<>();
    private long minutesDone;

    /**
     * @param incidents       must only name the model's tenants, pages, channels and segments
     * @param simulationStart when the first simulated minute starts (at or after 1970; sub-millisecond
     *                        precision is dropped); incidents are placed relative to it
     */
    public TrafficGenerator(TrafficModel model, List<Incident> incidents, long seed,
                            Instant simulationStart) {
        this.model = Objects.requireNonNull(model, "model");
        this.incidents = List.copyOf(incidents);
        this.incidents.forEach(i -> checkTargets(model, i));
        this.simulationStart = simulationStart.toEpochMilli();
        if (this.simulationStart < 0) {
            throw new IllegalArgumentException("simulationStart must not be before 1970: "
                    + simulationStart);
        }
        SplittableRandom root = new SplittableRandom(seed);
        MinuteBatch batch = new MinuteBatch(root.split(), root.split(), model.outOfOrderRate(),
                model.malformedRate());
        this.minute = new Minute(this.simulationStart, model.seasonality(),
                model.busiest().toSecondOfDay() * 1000L, batch, new IncidentSchedule(this.incidents));
        for (String tenant : model.tenants()) {
            sources.add(new Customers(model, tenant, root.split()));
            sources.add(new Sessions(model, tenant, root.split()));
            sources.add(new Funnel(model, tenant, root.split()));
            sources.add(new Surveys(model, tenant, root.split()));
            sources.add(new Wallets(model, tenant, root.split()));
            sources.add(new EmailCampaigns(model, tenant, root.split()));
            sources.add(new AdSpend(model, tenant, root.split()));
            sources.add(new SupportQueue(tenant, root.split()));
        }
    }

    /**
     * All records of the next simulated minute, ordered by when their events happened (only the
     * out-of-order share of the model has a {@code ts} up to 20 s earlier, within the minute).
     * The first minute also starts the initial subscriber population.
     */
    public List<String> nextMinute() {
        minute.advance(simulatedNow().toEpochMilli());
        for (Source source : sources) {
            source.minute(minute);
        }
        minute.runFollowUps();
        minutesDone++;
        return minute.finish();
    }

    /** The start of the next minute {@link #nextMinute()} will generate. */
    public Instant simulatedNow() {
        return Instant.ofEpochMilli(simulationStart + minutesDone * Minute.MILLIS);
    }

    /** The next {@code n} minutes as one lazy stream of records; generated as it is consumed. */
    public Stream<String> minutes(long n) {
        return Stream.generate(this::nextMinute).limit(n).flatMap(List::stream);
    }

    public TrafficModel model() {
        return model;
    }

    public List<Incident> incidents() {
        return incidents;
    }

    private static void checkTargets(TrafficModel model, Incident i) {
        if (!model.tenants().contains(i.tenant())) {
            throw new IllegalArgumentException("incident for unknown tenant "
                    + Json.quote(i.tenant()) + "; tenants are " + model.tenants());
        }
        boolean known = switch (i.kind()) {
            case BOUNCE_SPIKE -> model.page(i.target()) != null;
            case MQL_SQL_STALL, CONVERSION_DROP -> model.channel(i.target()) != null;
            case NPS_DROP -> model.segments().contains(i.target());
            case CHURN_RISE -> true;
        };
        if (!known) {
            throw new IllegalArgumentException("incident " + i.kind() + " targets unknown "
                    + Json.quote(i.target()));
        }
    }
}
