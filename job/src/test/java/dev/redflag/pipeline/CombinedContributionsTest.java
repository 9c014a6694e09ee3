package dev.redflag.pipeline;

import dev.redflag.event.Event;
import dev.redflag.event.SessionEvent;
import dev.redflag.kpi.CombinerCapacity;
import dev.redflag.kpi.Contribution;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiKeys;
import dev.redflag.kpi.WindowSpec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The combining operator in front of the window operator: a pane leaves before the watermark that
 * completes it, and everything before a checkpoint barrier, at the end of input and when it holds
 * too many panes; a late event's pane after at most 100 ms of processing time. Never later, so no
 * window closes without its events.
 */
class CombinedContributionsTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static StreamRecord<Event> session(String ts, String page, int pageviews) {
        return new StreamRecord<>(new SessionEvent(at(ts), "acme", Map.of(), "s-" + ts, page, "seo", pageviews, 30,
                false, 0), at(ts));
    }

    private static OneInputStreamOperatorTestHarness<Event, Contribution> harness() throws Exception {
        OneInputStreamOperatorTestHarness<Event, Contribution> h =
                new OneInputStreamOperatorTestHarness<>(new CombinedContributions(CATALOG));
        h.setup(TypeInformation.of(Contribution.class).createSerializer(h.getExecutionConfig().getSerializerConfig()));
        h.open();
        return h;
    }

    /** Output in order: "bounce_rate /pricing 2/3" for a contribution, "wm 10:30" for a watermark. */
    private static List<String> drained(OneInputStreamOperatorTestHarness<Event, Contribution> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add("wm " + Instant.ofEpochMilli(w.getTimestamp()).toString().substring(11, 16));
            } else if (o instanceof StreamRecord<?> r && r.getValue() instanceof Contribution c
                    && KpiKeys.kpi(c.key()).equals("bounce_rate")) {
                String page = c.key().substring(c.key().lastIndexOf(KpiKeys.SEP) + 1);
                out.add("bounce_rate " + page + " " + (long) c.numerator() + "/" + (long) c.denominator()
                        + " @" + Instant.ofEpochMilli(r.getTimestamp()).toString().substring(11, 16));
            }
        }
        out.sort(null); // within one flush the order is the map's; watermarks sort after "b"
        h.getOutput().clear();
        return out;
    }

    @Test
    void heldPanesLeaveBeforeTheWatermarkThatMayCloseTheirWindow() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Contribution> h = harness()) {
            h.processElement(session("2026-11-20T10:05:00Z", "/pricing", 1));
            h.processElement(session("2026-11-20T10:15:00Z", "/pricing", 3));
            h.processElement(session("2026-11-20T10:25:00Z", "/pricing", 1));
            h.processElement(session("2026-11-20T10:26:00Z", "/docs", 2));
            h.processElement(session("2026-11-20T11:10:00Z", "/pricing", 1));
            assertThat(h.getOutput()).isEmpty();

            h.processWatermark(at("2026-11-20T10:30:00Z"));
            assertThat(drained(h)).as("no window closes at 10:30: everything stays").containsExactly("wm 10:30");

            h.processWatermark(at("2026-11-20T10:59:59.999Z"));
            List<Object> raw = new ArrayList<>(h.getOutput());
            assertThat(raw.get(raw.size() - 1)).isInstanceOf(Watermark.class);
            assertThat(drained(h)).containsExactly("bounce_rate /docs 0/1 @10:26", "bounce_rate /pricing 2/3 @10:25",
                    "wm 10:59");

            h.processElement(session("2026-11-20T11:20:00Z", "/pricing", 1));
            h.processWatermark(at("2026-11-20T11:30:00Z"));
            assertThat(drained(h)).containsExactly("wm 11:30");
            h.processWatermark(at("2026-11-20T11:59:59.999Z"));
            assertThat(drained(h)).containsExactly("bounce_rate /pricing 2/2 @11:20", "wm 11:59");
        }
    }

    @Test
    void heldPanesLeaveBeforeACheckpointBarrierAndAtTheEndOfInput() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Contribution> h = harness()) {
            h.processElement(session("2026-11-20T10:05:00Z", "/pricing", 1));
            h.prepareSnapshotPreBarrier(1);
            assertThat(drained(h)).containsExactly("bounce_rate /pricing 1/1 @10:05");

            h.processElement(session("2026-11-20T10:06:00Z", "/pricing", 1));
            h.processElement(session("2026-11-20T10:07:00Z", "/pricing", 2));
            h.endInput();
            assertThat(drained(h)).containsExactly("bounce_rate /pricing 1/2 @10:07");
        }
    }

    @Test
    void aLateEventsPaneLeavesAtTheLatestAHundredMillisecondsAfterItCameAnOnTimeOneWaitsForItsWatermark()
            throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Contribution> h = harness()) {
            h.setProcessingTime(1_000);
            h.processWatermark(at("2026-11-20T10:59:59.999Z"));
            h.processElement(session("2026-11-20T11:05:00Z", "/pricing", 1));
            h.setProcessingTime(5_000);
            assertThat(drained(h)).as("on time: no timer").containsExactly("wm 10:59");

            // late: its window closed at the watermark, its update must not wait for the next one
            h.processElement(session("2026-11-20T10:50:00Z", "/pricing", 1));
            h.setProcessingTime(5_050);
            h.processElement(session("2026-11-20T10:55:00Z", "/pricing", 2));
            h.setProcessingTime(5_099);
            assertThat(drained(h)).isEmpty();
            h.setProcessingTime(5_100);
            assertThat(drained(h)).containsExactly("bounce_rate /pricing 1/2 @10:55");

            h.processElement(session("2026-11-20T10:57:00Z", "/pricing", 1));
            h.setProcessingTime(5_199);
            assertThat(drained(h)).isEmpty();
            h.setProcessingTime(5_200);
            assertThat(drained(h)).as("the 11:00 pane still waits").containsExactly("bounce_rate /pricing 1/1 @10:57");
            h.endInput();
            assertThat(drained(h)).containsExactly("bounce_rate /pricing 1/1 @11:05");
        }
    }

    @Test
    void tenThousandHeldPanesLeaveAtOnce() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Contribution> h = harness()) {
            int sessions = 0;
            while (h.getOutput().isEmpty()) {
                h.processElement(session("2026-11-20T10:05:00Z", "/p" + sessions, 1));
                sessions++;
            }
            // a session on a new page opens one pane (bounce rate of its page); the others are shared
            int shared = CombinerCapacity.MIN - sessions;
            assertThat(shared).isBetween(1, 5);
            assertThat(h.getOutput()).hasSize(CombinerCapacity.MIN);
        }
    }
}
