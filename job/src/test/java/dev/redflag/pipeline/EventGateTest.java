package dev.redflag.pipeline;

import dev.redflag.event.DeadLetter;
import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.Envelope;
import dev.redflag.event.Event;
import dev.redflag.event.EventType;
import dev.redflag.event.SessionEvent;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate against a watermark set by hand: an event behind the watermark but within the allowed
 * lateness goes in and is counted as late; one further behind is a {@code late} dead letter; one
 * ahead of the watermark is neither.
 */
class EventGateTest {

    /** What the gate counted, in order. */
    private static final class Counted implements GateCounters {
        final List<String> seen = new ArrayList<>();

        @Override
        public void eventIn(EventType type) {
            seen.add("in " + type.wireName());
        }

        @Override
        public void lateEvent(EventType type) {
            seen.add("late " + type.wireName());
        }

        @Override
        public void deadLetter(DeadLetterReason reason) {
            seen.add("dead letter " + reason.label());
        }

        @Override
        public void close() {
        }
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static Envelope envelope(Event event) {
        Envelope e = new Envelope();
        e.event = event;
        e.raw = new byte[0];
        e.topic = "events";
        return e;
    }

    private static SessionEvent session(String ts) {
        return new SessionEvent(at(ts), "acme", Map.of(), "s-" + ts, "/pricing", "seo", 1, 30, false, 0);
    }

    /** Session events only: the harness copies its output with the serializer of the first element. */
    @Test
    void eventsBehindTheWatermarkWithinTheLatenessAreLetInAndCountedAsLate() throws Exception {
        Counted counted = new Counted();
        EventGate gate = new EventGate(60_000, 3_600_000, () -> counted);
        try (OneInputStreamOperatorTestHarness<Envelope, Event> h = ProcessFunctionTestHarnesses.forProcessFunction(gate)) {
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T09:00:00Z"))));
            h.processWatermark(at("2026-11-20T10:00:00Z"));
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T10:00:30Z"))));
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T09:59:30Z"))));
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T10:00:00Z"))));
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T09:59:00Z"))));

            assertThat(counted.seen).containsExactly(
                    "in session",                 // before any watermark nothing is late
                    "in session",                 // ahead of the watermark
                    "in session", "late session", // 30 s behind, 1 min allowed
                    "in session", "late session", // on the watermark is behind it, as for Flink's windows
                    "dead letter late");          // 1 min behind: too late
            assertThat(h.extractOutputValues()).hasSize(4);
            assertThat(h.getSideOutput(EventGate.DEAD_LETTERS)).extracting(r -> ((DeadLetter) r.getValue()).reason())
                    .containsExactly(DeadLetterReason.LATE);
        }
    }

    @Test
    void eachTapGetsTheAdmittedEventsItTakesAndNoneOfTheRejected() throws Exception {
        Counted counted = new Counted();
        EventTap pricing = EventTap.of("pricing", e -> ((SessionEvent) e).page().equals("/pricing"));
        EventTap every = EventTap.of("every", e -> true);
        EventGate gate = new EventGate(60_000, 3_600_000, () -> counted, List.of(pricing, every));
        try (OneInputStreamOperatorTestHarness<Envelope, Event> h = ProcessFunctionTestHarnesses.forProcessFunction(gate)) {
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T10:00:00Z", "/pricing"))));
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T10:00:01Z", "/"))));
            h.processWatermark(at("2026-11-20T11:00:00Z"));
            h.processElement(new StreamRecord<>(envelope(session("2026-11-20T10:30:00Z", "/pricing"))));

            assertThat(h.extractOutputValues()).extracting(e -> ((SessionEvent) e).page())
                    .containsExactly("/pricing", "/");
            assertThat(h.getSideOutput(pricing.tag())).extracting(r -> ((SessionEvent) r.getValue()).ts())
                    .containsExactly(at("2026-11-20T10:00:00Z"));
            assertThat(h.getSideOutput(every.tag())).extracting(r -> ((SessionEvent) r.getValue()).page())
                    .containsExactly("/pricing", "/");
            assertThat(h.getSideOutput(EventGate.DEAD_LETTERS)).extracting(r -> ((DeadLetter) r.getValue()).reason())
                    .containsExactly(DeadLetterReason.LATE);
        }
    }

    private static SessionEvent session(String ts, String page) {
        return new SessionEvent(at(ts), "acme", Map.of(), "s-" + ts, page, "seo", 1, 30, false, 0);
    }
}
