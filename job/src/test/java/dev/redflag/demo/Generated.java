package dev.redflag.demo;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.redflag.event.Decoded;
import dev.redflag.event.Event;
import dev.redflag.event.EventDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test helper: a run of the generator, decoded, with the event time of each event since start. */
final class Generated {

    static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

    final List<String> lines = new ArrayList<>();
    final List<Decoded> decoded = new ArrayList<>();
    final List<Event> events = new ArrayList<>();

    private Generated() {
    }

    static Generated run(TrafficModel model, List<Incident> incidents, long seed, int minutes) {
        Generated g = new Generated();
        EventDecoder decoder = new EventDecoder();
        TrafficGenerator gen = new TrafficGenerator(model, incidents, seed, START);
        for (int m = 0; m < minutes; m++) {
            for (String line : gen.nextMinute()) {
                Decoded d = decoder.decode(line.getBytes(UTF_8));
                g.lines.add(line);
                g.decoded.add(d);
                if (d.isOk()) {
                    g.events.add(d.event());
                }
            }
        }
        return g;
    }

    /** Events of {@code type} matching {@code filter}. */
    <E extends Event> List<E> of(Class<E> type, Predicate<E> filter) {
        List<E> out = new ArrayList<>();
        for (Event e : events) {
            if (type.isInstance(e) && filter.test(type.cast(e))) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    static Duration sinceStart(Event e) {
        return Duration.ofMillis(e.ts() - START.toEpochMilli());
    }

    static boolean within(Event e, long fromHour, long toHour) {
        long t = e.ts() - START.toEpochMilli();
        return t >= fromHour * 3_600_000 && t < toHour * 3_600_000;
    }
}
