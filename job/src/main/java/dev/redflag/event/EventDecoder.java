package dev.redflag.event;

import static dev.redflag.event.DeadLetterReason.NOT_JSON;
import static dev.redflag.event.DeadLetterReason.UNKNOWN_TYPE;
import static dev.redflag.event.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the raw bytes of one Kafka record into an {@link Event} or a dead-letter reason. It sits on
 * the hottest path of the job and sees arbitrary producer output, so it streams tokens instead of
 * binding a tree or classes, reuses its per-record scratch space, and never throws for bad input:
 * every record ends up either as an event or as a reason with a short detail for the dead-letter
 * topic.
 *
 * <p>Most records have one flat shape (ASCII strings without escapes, plain numbers, a flat
 * {@code dims}); a {@link FlatRecordScanner} reads those from the bytes, at about half the cost of
 * Jackson's tokenizer, and hands every other record to Jackson. Both fill the same fields, so
 * events and dead-letter reasons do not depend on which one read the record.
 *
 * <p>Not thread-safe: the scratch space is reused between calls, so use one instance per thread
 * (per Flink subtask). Construction is cheap.
 *
 * <p>Checks run in a fixed order and the first problem is reported: the whole record must be well
 * formed JSON, then {@code type}, {@code ts}, {@code tenant}, {@code dims}, then the type's fields
 * in schema order. Unknown top-level fields are ignored; duplicate keys: the last one wins; a
 * top-level {@code null} is the same as an absent field.
 */
public final class EventDecoder {

    private static final Decoded EMPTY = Decoded.bad(NOT_JSON, "not JSON: empty input");
    private static final Decoded NOT_AN_OBJECT = Decoded.bad(WRONG_TYPE, "event must be a JSON object");
    private static final Decoded TRAILING = Decoded.bad(NOT_JSON,
            "not JSON: trailing content after the event object");

    private final JsonFactory factory = JsonFactory.builder()
            // keys come from untrusted input; canonicalising per factory is enough
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // correctly rounded like Double.parseDouble (same doubles), without its intermediate string
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private final RawFields raw = new RawFields();
    private final FieldReader reader = new FieldReader(raw);
    /** Null for the Jackson-only decoder. */
    private final FlatRecordScanner scanner;

    /** A decoder that reads the common shape of record with its scanner and everything else with Jackson. */
    public EventDecoder() {
        this(true);
    }

    private EventDecoder(boolean scan) {
        this.scanner = scan ? new FlatRecordScanner(raw) : null;
    }

    /**
     * A decoder that reads every record with Jackson: the reference the scanner must agree with,
     * for tests and benchmarks. Same results, slower.
     */
    public static EventDecoder jacksonOnly() {
        return new EventDecoder(false);
    }

    /** Decodes a whole array; {@code null} (a Kafka tombstone) counts as empty input. */
    public Decoded decode(byte[] bytes) {
        return bytes == null ? EMPTY : decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes {@code length} bytes of {@code bytes} starting at {@code offset}. Never throws for any
     * content; an offset/length outside the array is a caller bug and throws
     * {@link IndexOutOfBoundsException}.
     */
    public Decoded decode(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            return EMPTY;
        }
        Objects.checkFromIndexSize(offset, length, bytes.length);
        raw.reset();
        // a record the scanner takes is all ASCII: no 0xff for the guard below to find
        if (scanner != null && scanner.scan(bytes, offset, length)) {
            return build();
        }
        int ff = Utf8Guard.indexOfFF(bytes, offset, length);
        if (ff >= 0) {
            return Decoded.bad(NOT_JSON, "not JSON: byte 0xff, never in UTF-8, at "
                    + Utf8Guard.position(bytes, offset, ff));
        }
        raw.reset();
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            Decoded structural = read(p);
            if (structural != null) {
                return structural;
            }
        } catch (JsonProcessingException e) {
            return Decoded.bad(NOT_JSON, Details.cap("not JSON: " + describe(e)));
        } catch (IOException | RuntimeException e) {
            // not expected from an in-memory parser, but a bad record must never fail the job
            return Decoded.bad(NOT_JSON, Details.cap("not JSON: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage()));
        }
        return build();
    }

    /** Reads the root value into {@link #raw}; returns a problem with the document's shape, or null. */
    private Decoded read(JsonParser p) throws IOException {
        JsonToken root = p.nextToken();
        if (root == null) {
            return EMPTY;
        }
        if (root != JsonToken.START_OBJECT) {
            p.skipChildren();
            return p.nextToken() == null ? NOT_AN_OBJECT : TRAILING;
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            Field field = Field.forName(name);
            if (field == null) {
                p.skipChildren();
            } else if (field == Field.DIMS) {
                raw.readDims(p, value);
            } else {
                raw.read(field, p, value);
            }
        }
        return p.nextToken() == null ? null : TRAILING;
    }

    private Decoded build() {
        FieldReader in = reader;
        in.reset();
        String typeName = in.requiredString(Field.TYPE);
        if (in.failed()) {
            return in.problem();
        }
        EventType type = EventType.fromWireName(typeName);
        if (type == null) {
            return Decoded.bad(UNKNOWN_TYPE, "unknown event type " + Details.quote(typeName));
        }
        long ts = in.timestamp();
        String tenant = in.optionalString(Field.TENANT, Event.DEFAULT_TENANT);
        Map<String, String> dims = in.dims();
        if (in.failed()) {
            return in.problem();
        }
        return EventBuilders.build(type, in, ts, tenant, dims);
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        // Jackson appends where a still-open container started; the column of the error is enough
        int cut = message.indexOf(" (start marker at");
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getColumnNr() > 0) {
            message = message + (at.getLineNr() > 1 ? " at line " + at.getLineNr() + ", column "
                    : " at column ") + at.getColumnNr();
        }
        return message;
    }
}
