package dev.redflag.local;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Web sessions of tenant {@code acme} at a steady rate, one simulated hour every {@code hour} of real
 * time, on a few pages, each calm (3 of 10 sessions bounce) or in an incident (7 of 10 bounce).
 * A test switches a page into an incident and back with {@link #incident} and {@link #calm}; the switch
 * takes effect at the next simulated hour, so every KPI window is wholly one or the other, and the feed
 * records which hours of which page were incidents: the transitions the job must produce follow from
 * that record alone ({@link #expectedTransitions}). A {@link Schedule} can decide the incidents instead,
 * hour by hour, for runs longer than a test (the soak). Events go to both partitions of the topic in turn,
 * at a steady pace, whatever the job is doing; the producer is idempotent, so a broker restart
 * duplicates nothing.
 */
final class SessionFeed implements AutoCloseable {

    static final int SESSIONS_PER_PAGE_HOUR = 10;

    /** One expected alert transition: the page, firing or resolved, the end of the window that caused it. */
    record Transition(String page, String state, Instant at) {
        @Override
        public String toString() {
            return state + " " + page + " at " + at;
        }
    }

    /** Whether {@code page} is in an incident in simulated hour {@code hour}; null when the test decides. */
    @FunctionalInterface
    interface Schedule {
        boolean incident(String page, int hour);
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final List<String> pages;
    private final Duration hour;
    private final Instant start;
    private final Map<String, Set<Integer>> incidentHours = new ConcurrentHashMap<>();
    private final Set<String> inIncident = ConcurrentHashMap.newKeySet();
    private final Map<String, Double> bounce = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Schedule schedule;
    /** When (wall clock, ms) each simulated hour had been sent completely. */
    private final List<Long> hourSentAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile int hoursDone;
    private volatile boolean running = true;
    private long sent;

    SessionFeed(String bootstrapServers, String topic, List<String> pages, Duration hour) {
        // two days back: far enough behind the wall clock for a few dozen simulated hours
        this(bootstrapServers, topic, pages, hour, Duration.ofDays(2), null);
    }

    /**
     * @param history how far behind the wall clock simulated time starts: more than the simulated hours
     *                the run sends, so that no event lies in the future
     * @param schedule the incidents hour by hour; null for {@link #incident} and {@link #calm}
     */
    SessionFeed(String bootstrapServers, String topic, List<String> pages, Duration hour, Duration history,
                Schedule schedule) {
        this.topic = topic;
        this.pages = List.copyOf(pages);
        this.hour = hour;
        this.schedule = schedule;
        this.start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(history);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        pages.forEach(p -> incidentHours.put(p, new TreeSet<>()));
        thread = new Thread(this::run, "session-feed");
        thread.setDaemon(true);
    }

    SessionFeed start() {
        thread.start();
        return this;
    }

    /** From the next simulated hour on, {@code page} bounces 7 of 10 (0.7), or {@code bounceRate} of them. */
    void incident(String page, double bounceRate) {
        bounce.put(page, bounceRate);
        inIncident.add(page);
    }

    void incident(String page) {
        incident(page, 0.7);
    }

    /** From the next simulated hour on, {@code page} is calm again. */
    void calm(String page) {
        inIncident.remove(page);
    }

    /** Simulated hours sent completely. */
    int hoursDone() {
        return hoursDone;
    }

    /** When (wall clock, ms) simulated hour {@code h} had been sent completely. */
    long sentAt(int h) {
        return hourSentAt.get(h);
    }

    Instant simulationStart() {
        return start;
    }

    /** The end of simulated hour {@code h} (counted from 0), the time of a transition its window causes. */
    Instant endOf(int h) {
        return start.plus(hour(h + 1));
    }

    private static Duration hour(long n) {
        return Duration.ofHours(n);
    }

    /**
     * What a rule "bounce above 0.5, for 0s" must produce from the hours sent, up to the window that
     * ends at hour {@code closedHours}: per run of incident hours [a, b), firing at the end of hour a and
     * resolved at the end of hour b.
     */
    List<Transition> expectedTransitions(int closedHours) {
        List<Transition> out = new ArrayList<>();
        for (String page : pages) {
            Set<Integer> hours = incidentHours.get(page);
            boolean firing = false;
            for (int h = 0; h < closedHours; h++) {
                boolean high = hours.contains(h);
                if (high && !firing) {
                    out.add(new Transition(page, "firing", endOf(h)));
                } else if (!high && firing) {
                    out.add(new Transition(page, "resolved", endOf(h)));
                }
                firing = high;
            }
        }
        return out;
    }

    Map<String, Set<Integer>> incidentHours() {
        Map<String, Set<Integer>> copy = new LinkedHashMap<>();
        incidentHours.forEach((p, h) -> copy.put(p, Set.copyOf(h)));
        return copy;
    }

    /** Stops after the hour under way, flushes what was sent; fails if a send failed. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(hour.toMillis() * 2 + 10_000);
        producer.close(Duration.ofSeconds(30));
        check();
    }

    /** Fails when a record could not be sent. */
    void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("the feed could not send: " + t, t);
        }
    }

    private void run() {
        long realStart = System.nanoTime();
        try {
            for (int h = 0; running; h++) {
                Map<String, Integer> bounces = new LinkedHashMap<>();
                for (String page : pages) {
                    boolean high = schedule == null ? inIncident.contains(page) : schedule.incident(page, h);
                    if (high) {
                        incidentHours.get(page).add(h);
                    }
                    bounces.put(page, (int) Math.round(SESSIONS_PER_PAGE_HOUR
                            * (high ? bounce.getOrDefault(page, 0.7) : 0.3)));
                }
                // in event-time order: the pages' sessions interleave
                List<String> events = new ArrayList<>();
                for (int i = 0; i < SESSIONS_PER_PAGE_HOUR; i++) {
                    for (String page : pages) {
                        events.add(page + "|" + i + "|" + (i < bounces.get(page) ? 1 : 3));
                    }
                }
                long gapNanos = hour.toNanos() / events.size();
                for (int i = 0; i < events.size(); i++) {
                    String[] e = events.get(i).split("\\|");
                    int slot = Integer.parseInt(e[1]);
                    Instant ts = start.plus(hour(h)).plusSeconds(60L + slot * 300L);
                    String json = "{\"type\":\"session\",\"ts\":\"" + ts + "\",\"tenant\":\"acme\",\"session_id\":\"s-"
                            + h + "-" + e[0] + "-" + slot + "\",\"page\":\"" + e[0] + "\",\"channel\":\"seo\",\"pageviews\":"
                            + e[2] + "}";
                    long due = realStart + (long) h * hour.toNanos() + i * gapNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    producer.send(new ProducerRecord<>(topic, (int) (sent++ % 2), null,
                            json.getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                }
                hourSentAt.add(System.currentTimeMillis());
                hoursDone = h + 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
