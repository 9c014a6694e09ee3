package dev.redflag.event;

import static dev.redflag.event.DeadLetterReason.BAD_TIMESTAMP;
import static dev.redflag.event.DeadLetterReason.MISSING_FIELD;
import static dev.redflag.event.DeadLetterReason.OUT_OF_RANGE;
import static dev.redflag.event.DeadLetterReason.WRONG_TYPE;

import dev.redflag.event.RawFields.Kind;
import java.util.Map;

/**
 * Typed, validated reads of a record's {@link RawFields}, remembering only the first problem.
 * Builders read their fields in schema order and check {@link #failed()} once at the end, so the
 * first problem is what gets reported and no exception is needed to stop early: after a failure
 * every read returns a placeholder without looking at the input.
 */
final class FieldReader {

    private final RawFields raw;
    private DeadLetterReason reason;
    private String detail;

    FieldReader(RawFields raw) {
        this.raw = raw;
    }

    void reset() {
        reason = null;
        detail = null;
    }

    boolean failed() {
        return reason != null;
    }

    /** The first problem as a result; only valid when {@link #failed()}. */
    Decoded problem() {
        return Decoded.bad(reason, detail);
    }

    /** Records a problem unless an earlier one is already recorded. */
    void fail(DeadLetterReason r, String d) {
        if (reason == null) {
            reason = r;
            detail = d;
        }
    }

    String requiredString(Field f) {
        if (failed()) {
            return null;
        }
        Kind kind = raw.kind(f);
        if (kind == Kind.ABSENT) {
            fail(MISSING_FIELD, missing(f));
            return null;
        }
        if (kind != Kind.STRING) {
            fail(WRONG_TYPE, mustBe(f, "a string"));
            return null;
        }
        String s = raw.text(f);
        if (s.isEmpty()) {
            fail(MISSING_FIELD, missing(f) + " (empty string)");
            return null;
        }
        return s;
    }

    /** The string, or {@code dflt} when absent or empty. */
    String optionalString(Field f, String dflt) {
        if (failed()) {
            return dflt;
        }
        Kind kind = raw.kind(f);
        if (kind == Kind.ABSENT) {
            return dflt;
        }
        if (kind != Kind.STRING) {
            fail(WRONG_TYPE, mustBe(f, "a string"));
            return dflt;
        }
        String s = raw.text(f);
        return s.isEmpty() ? dflt : s;
    }

    <E extends Enum<E>> E requiredEnum(Field f, WireNames<E> names) {
        String s = requiredString(f);
        if (s == null) {
            return null;
        }
        E value = names.find(s);
        if (value == null) {
            fail(OUT_OF_RANGE, "field '" + f.wireName() + "' must be one of " + names.allowed()
                    + ", got " + Details.quote(s));
        }
        return value;
    }

    double requiredNumber(Field f) {
        requirePresent(f);
        return number(f, 0, false);
    }

    double optionalNumber(Field f, double dflt) {
        return number(f, dflt, false);
    }

    double requiredNonNegative(Field f) {
        requirePresent(f);
        return number(f, 0, true);
    }

    double optionalNonNegative(Field f, double dflt) {
        return number(f, dflt, true);
    }

    private double number(Field f, double dflt, boolean nonNegative) {
        if (failed()) {
            return dflt;
        }
        Kind kind = raw.kind(f);
        if (kind == Kind.ABSENT) {
            return dflt;
        }
        if (kind != Kind.INTEGER && kind != Kind.BIG_INTEGER && kind != Kind.DECIMAL) {
            fail(WRONG_TYPE, mustBe(f, "a number"));
            return dflt;
        }
        double v = raw.doubleValue(f);
        if (!Double.isFinite(v)) {
            fail(OUT_OF_RANGE, mustBe(f, "a finite number"));
            return dflt;
        }
        if (nonNegative) {
            if (v < 0) {
                fail(OUT_OF_RANGE, mustBe(f, ">= 0"));
                return dflt;
            }
            return v + 0.0; // -0.0 becomes 0.0
        }
        return v;
    }

    /** An integer in {@code min..max}; a JSON number with a fraction or exponent is a wrong type. */
    int requiredInt(Field f, int min, int max) {
        requirePresent(f);
        return (int) integer(f, 0, min, max);
    }

    long optionalNonNegativeLong(Field f, long dflt) {
        return integer(f, dflt, 0, Long.MAX_VALUE);
    }

    private long integer(Field f, long dflt, long min, long max) {
        if (failed()) {
            return dflt;
        }
        Kind kind = raw.kind(f);
        if (kind == Kind.ABSENT) {
            return dflt;
        }
        if (kind == Kind.BIG_INTEGER) {
            fail(OUT_OF_RANGE, mustBe(f, integerRange(min, max)));
            return dflt;
        }
        if (kind != Kind.INTEGER) {
            fail(WRONG_TYPE, mustBe(f, integerRange(min, max)));
            return dflt;
        }
        long v = raw.longValue(f);
        if (v < min || v > max) {
            fail(OUT_OF_RANGE, mustBe(f, integerRange(min, max)));
            return dflt;
        }
        return v;
    }

    private static String integerRange(long min, long max) {
        return "an integer " + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                ? ">= " + min : min + ".." + max);
    }

    boolean optionalBoolean(Field f, boolean dflt) {
        if (failed()) {
            return dflt;
        }
        Kind kind = raw.kind(f);
        if (kind == Kind.ABSENT) {
            return dflt;
        }
        if (kind != Kind.BOOLEAN) {
            fail(WRONG_TYPE, mustBe(f, "a boolean"));
            return dflt;
        }
        return raw.booleanValue(f);
    }

    /** {@code ts} as epoch millis: a non-negative integer or an ISO-8601 string with an offset. */
    long timestamp() {
        if (failed()) {
            return 0;
        }
        Field f = Field.TS;
        String expected = "epoch milliseconds or an ISO-8601 timestamp with offset";
        long millis;
        switch (raw.kind(f)) {
            case ABSENT -> {
                fail(MISSING_FIELD, missing(f));
                return 0;
            }
            case INTEGER -> millis = raw.longValue(f);
            case STRING -> {
                millis = raw.isoMillis(f);
                if (millis == Long.MIN_VALUE) {
                    fail(BAD_TIMESTAMP, mustBe(f, expected));
                    return 0;
                }
            }
            default -> {
                fail(BAD_TIMESTAMP, mustBe(f, expected));
                return 0;
            }
        }
        if (millis < 0) {
            fail(BAD_TIMESTAMP, mustBe(f, "at or after 1970-01-01T00:00:00Z"));
            return 0;
        }
        return millis;
    }

    /** {@code dims} as an immutable map (see {@link RawFields#dims()}); empty when absent. */
    Map<String, String> dims() {
        if (failed()) {
            return Map.of();
        }
        Kind kind = raw.dimsKind();
        if (kind == Kind.ABSENT) {
            return Map.of();
        }
        if (kind != Kind.OBJECT) {
            fail(WRONG_TYPE, "field 'dims' must be an object of strings, got " + kind.jsonName());
            return Map.of();
        }
        String badKey = raw.badDimKey();
        if (badKey != null) {
            fail(WRONG_TYPE, "field 'dims." + Details.clean(badKey, Details.MAX_VALUE)
                    + "' must be a string, got " + raw.badDimKind().jsonName());
            return Map.of();
        }
        return raw.dims();
    }

    /** Records a missing field; the typed read that follows then only returns its placeholder. */
    private void requirePresent(Field f) {
        if (raw.kind(f) == Kind.ABSENT) {
            fail(MISSING_FIELD, missing(f));
        }
    }

    private static String missing(Field f) {
        return "missing required field '" + f.wireName() + "'";
    }

    private String mustBe(Field f, String expected) {
        return "field '" + f.wireName() + "' must be " + expected + ", got " + describe(f);
    }

    /** The value as it reads in a detail: numbers bare, strings quoted, containers by kind. */
    private String describe(Field f) {
        Kind kind = raw.kind(f);
        return switch (kind) {
            case STRING -> "string " + Details.quote(raw.text(f));
            case INTEGER -> Long.toString(raw.longValue(f));
            case BIG_INTEGER -> Details.clean(raw.text(f), Details.MAX_VALUE);
            case DECIMAL -> Double.toString(raw.doubleValue(f));
            case BOOLEAN -> raw.booleanValue(f) ? "true" : "false";
            default -> kind.jsonName();
        };
    }
}
