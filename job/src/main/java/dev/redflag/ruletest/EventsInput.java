package dev.redflag.ruletest;

import java.util.List;

/**
 * Raw events of a test, one Kafka record each, to be turned into KPI values by the job's own
 * operators. {@code places} says where each record was written ({@code file:line} or
 * {@code file:line:column}), so a bad event is reported where the person wrote it.
 *
 * @param name   name of the input in messages (the events file, or the test file)
 * @param lines  the records, JSON, one per event
 * @param places where each record was written, same order
 */
public record EventsInput(String name, List<byte[]> lines, List<String> places) {

    public EventsInput {
        lines = List.copyOf(lines);
        places = List.copyOf(places);
    }
}
