package dev.redflag.backtest;

import dev.redflag.event.Decoded;
import dev.redflag.event.DeadLetter;
import dev.redflag.event.EventDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * The records a backtest replays, each with where it came from ({@code file:line} or
 * {@code topic-partition@offset}), so that a rejected record is reported at its real position even
 * after time filtering dropped the records before it.
 *
 * @param name      the source, for messages and the job name
 * @param records   raw records (the Kafka record format, one event each)
 * @param positions where each record came from, same order
 * @param skipped   records left out by {@link #between} (outside the time range)
 */
public record History(String name, List<byte[]> records, List<String> positions, int skipped) {

    public History {
        if (records.size() != positions.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + positions.size() + " positions");
        }
        records = List.copyOf(records);
        positions = List.copyOf(positions);
    }

    /** The lines of a JSON-lines file, numbered from 1. */
    public static History ofLines(String fileName, List<byte[]> lines) {
        List<String> positions = new ArrayList<>(lines.size());
        for (int i = 1; i <= lines.size(); i++) {
            positions.add(fileName + ":" + i);
        }
        return new History(fileName, lines, positions, 0);
    }

    /**
     * The records whose event time is in {@code [from, to)}, plus every record that does not decode,
     * so it is still reported as rejected.
     */
    public History between(long from, long to) {
        if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
            return this;
        }
        EventDecoder decoder = new EventDecoder();
        List<byte[]> kept = new ArrayList<>(records.size());
        List<String> keptAt = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Decoded d = decoder.decode(records.get(i));
            if (!d.isOk() || (d.event().ts() >= from && d.event().ts() < to)) {
                kept.add(records.get(i));
                keptAt.add(positions.get(i));
            }
        }
        return new History(name, kept, keptAt, skipped + records.size() - kept.size());
    }

    /** Where a dead letter of a run over these records came from (its offset is the 1-based index). */
    public String position(DeadLetter d) {
        long i = d.offset() - 1;
        return i >= 0 && i < positions.size() ? positions.get((int) i) : name + ":" + d.offset();
    }

    public int size() {
        return records.size();
    }
}
