package dev.redflag.pipeline;

import dev.redflag.event.Event;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;

/**
 * A side output of the {@link EventGate} for the admitted events one branch of the topology reads
 * (the lead funnel's, the customer ledger's). The gate hands each event only to the taps it feeds:
 * a branch whose operators sit in the gate's chain is not called for the other events, and Flink
 * does not hand (and wrap) every event to every chained consumer, as it does for a stream read by
 * several.
 *
 * @param feeds whether an event goes to this tap; cheap, as it runs for every admitted event
 */
public record EventTap(OutputTag<Event> tag, Feeds feeds) implements Serializable {

    /** Which events a tap takes. */
    @FunctionalInterface
    public interface Feeds extends Serializable {
        boolean test(Event event);
    }

    public static EventTap of(String name, Feeds feeds) {
        return new EventTap(new OutputTag<>(name, TypeInformation.of(Event.class)), feeds);
    }
}
