package dev.redflag.backtest;

import dev.redflag.alert.feedback.Feedback;

import java.util.ArrayList;
import java.util.List;

/**
 * The feedback records of a history (the feedback topic, or a JSON-lines file of it), read with
 * the record's own parser. A record that is not one is left out and named with its position, so a
 * report says how much it could not read instead of failing on one bad line.
 *
 * @param records   the records read, in the history's order
 * @param malformed {@code position: reason} of each record left out
 */
public record FeedbackRecords(List<Feedback> records, List<String> malformed) {

    public FeedbackRecords {
        records = List.copyOf(records);
        malformed = List.copyOf(malformed);
    }

    /** Every record of {@code history}; empty lines are skipped silently. */
    public static FeedbackRecords read(History history) {
        List<Feedback> records = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            byte[] record = history.records().get(i);
            if (isBlank(record)) {
                continue;
            }
            try {
                records.add(Feedback.parse(record));
            } catch (Feedback.Malformed e) {
                malformed.add(history.positions().get(i) + ": " + e.getMessage());
            }
        }
        return new FeedbackRecords(records, malformed);
    }

    private static boolean isBlank(byte[] record) {
        for (byte b : record) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
