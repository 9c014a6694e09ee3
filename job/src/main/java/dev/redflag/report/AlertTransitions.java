package dev.redflag.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertEventJson;
import dev.redflag.backtest.History;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert transitions of a history of the alerts topic (or a JSON-lines file of it), in the
 * order they were written. Records of another {@code kind} that the topic carries beside the
 * transitions (the verdicts the job writes there) are passed over; a record that is neither is
 * left out and named with its position, so one bad record costs one line of the report, not the
 * report.
 *
 * @param transitions the transitions read
 * @param malformed   {@code position: reason} of each record left out
 */
public record AlertTransitions(List<AlertEvent> transitions, List<String> malformed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AlertTransitions {
        transitions = List.copyOf(transitions);
        malformed = List.copyOf(malformed);
    }

    public static AlertTransitions read(History history) {
        AlertEventJson json = new AlertEventJson();
        List<AlertEvent> transitions = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            String record = new String(history.records().get(i), StandardCharsets.UTF_8);
            if (record.isBlank()) {
                continue;
            }
            if (!json.isTransition(record) && isOtherKind(record)) {
                continue;
            }
            try {
                transitions.add(json.read(record));
            } catch (RuntimeException e) {
                // the reader's exceptions (a parse error, a missing field, an unknown state) say little
                // to a reader of the report; the position is what helps
                malformed.add(history.positions().get(i) + ": not an alert transition");
            }
        }
        return new AlertTransitions(transitions, malformed);
    }

    private static boolean isOtherKind(String record) {
        try {
            JsonNode node = JSON.readTree(record);
            return node != null && node.isObject() && node.hasNonNull("kind");
        } catch (IOException e) {
            return false;
        }
    }
}
