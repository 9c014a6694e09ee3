package dev.redflag.demo;

import java.time.LocalDate;

/**
 * Writes one event record in the wire format {@link dev.redflag.event.EventDecoder} reads. One
 * builder and one cached date prefix are reused for every record, so writing an event costs a
 * handful of appends and the final {@code toString}.
 *
 * <p>Field names passed in are the schema's constants and are written without escaping; every
 * value string is escaped.
 */
final class RecordWriter {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final StringBuilder sb = new StringBuilder(256);
    private long cachedDay = Long.MIN_VALUE;
    private String datePrefix;

    /** Starts a record: {@code type}, {@code ts} as ISO-8601 UTC with milliseconds, {@code tenant}. */
    RecordWriter begin(String type, long tsMillis, String tenant) {
        sb.setLength(0);
        sb.append("{\"type\":\"").append(type).append("\",\"ts\":\"");
        appendIso(tsMillis);
        sb.append("\",\"tenant\":");
        Json.quote(sb, tenant);
        return this;
    }

    RecordWriter str(String key, String value) {
        key(key);
        Json.quote(sb, value);
        return this;
    }

    RecordWriter num(String key, long value) {
        key(key).append(value);
        return this;
    }

    /** A money amount given in cents, written with two decimals. */
    RecordWriter cents(String key, long cents) {
        Json.cents(key(key), cents);
        return this;
    }

    RecordWriter bool(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** A {@code dims} object with a single dimension. */
    RecordWriter dim(String key, String value) {
        sb.append(",\"dims\":{");
        Json.quote(sb, key).append(':');
        Json.quote(sb, value).append('}');
        return this;
    }

    /** Closes the record and returns it. */
    String end() {
        return sb.append('}').toString();
    }

    /** The text written so far, for records that are deliberately cut short. */
    String unfinished() {
        return sb.toString();
    }

    private StringBuilder key(String key) {
        return sb.append(",\"").append(key).append("\":");
    }

    /** {@code 2026-11-24T10:00:00.000Z}; dates before 1970 are not needed here. */
    void appendIso(long millis) {
        long day = Math.floorDiv(millis, MILLIS_PER_DAY);
        if (day != cachedDay) {
            cachedDay = day;
            datePrefix = LocalDate.ofEpochDay(day) + "T";
        }
        int ofDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        int ms = ofDay % 1000;
        int s = ofDay / 1000;
        sb.append(datePrefix);
        two(s / 3600).append(':');
        two(s / 60 % 60).append(':');
        two(s % 60).append('.');
        if (ms < 100) {
            sb.append('0');
        }
        if (ms < 10) {
            sb.append('0');
        }
        sb.append(ms).append('Z');
    }

    private StringBuilder two(int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
