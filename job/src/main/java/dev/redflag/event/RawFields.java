package dev.redflag.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one record's top-level object contained, slot per {@link Field}, as read from the token
 * stream without judging it. Fields can arrive in any order and which of them matter depends on
 * {@code type}, so validation has to wait until the whole object is read; keeping the values in
 * fixed, reused arrays lets that happen without a tree or a map per record.
 *
 * <p>Duplicate keys: the last occurrence wins. A top-level JSON {@code null} counts as absent.
 */
final class RawFields {

    /** The JSON shape of a value. */
    enum Kind {
        ABSENT("nothing"),
        STRING("string"),
        /** An integer that fits a long. */
        INTEGER("number"),
        /** An integer beyond the long range; its text is kept. */
        BIG_INTEGER("number"),
        /** A number with a fraction or exponent. */
        DECIMAL("number"),
        BOOLEAN("boolean"),
        OBJECT("object"),
        ARRAY("array"),
        /** Only inside {@code dims}; a top-level null is {@link #ABSENT}. */
        NULL("null");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        String jsonName() {
            return jsonName;
        }

        static Kind of(JsonToken token) {
            return switch (token) {
                case VALUE_STRING -> STRING;
                case VALUE_NUMBER_INT -> INTEGER;
                case VALUE_NUMBER_FLOAT -> DECIMAL;
                case VALUE_TRUE, VALUE_FALSE -> BOOLEAN;
                case START_OBJECT -> OBJECT;
                case START_ARRAY -> ARRAY;
                case VALUE_NULL -> NULL;
                default -> throw new IllegalStateException("not a value token: " + token);
            };
        }
    }

    private final Kind[] kinds = new Kind[Field.COUNT];
    /** Bit i set: field i was read since the last reset (so a reset touches only those). */
    private long read;
    private final String[] texts = new String[Field.COUNT];
    private final long[] longs = new long[Field.COUNT];
    private final double[] doubles = new double[Field.COUNT];

    /** Fields whose values repeat across records (labels, not ids): served from {@link #recent}. */
    private final boolean[] repeated = new boolean[Field.COUNT];
    /** Per field, the values it can validly hold (or null): matched without a copy. */
    private final KnownStrings[] known = new KnownStrings[Field.COUNT];
    private final RecentStrings recent = new RecentStrings();
    private final CharWindow window = new CharWindow();

    private Kind dimsKind;
    private String[] dimKeys = new String[8];
    private String[] dimValues = new String[8];
    private int dimCount;
    private String badDimKey;
    private Kind badDimKind;

    RawFields() {
        for (Field f : new Field[]{Field.TENANT, Field.PAGE, Field.CHANNEL, Field.OWNER, Field.SEGMENT,
                Field.PRODUCT, Field.PLAN, Field.CAMPAIGN, Field.NAME}) {
            repeated[f.ordinal()] = true;
        }
        known[Field.TYPE.ordinal()] = new KnownStrings(
                Arrays.stream(EventType.values()).map(EventType::wireName).toList());
        known[Field.STAGE.ordinal()] = new KnownStrings(lowerCase(LeadEvent.LeadStage.values()));
        List<String> actions = new ArrayList<>(lowerCase(SubscriptionEvent.Action.values()));
        actions.addAll(lowerCase(EmailEvent.Action.values()));
        actions.addAll(lowerCase(WalletEvent.Action.values()));
        known[Field.ACTION.ordinal()] = new KnownStrings(actions);
        if (Field.COUNT > Long.SIZE) {
            throw new IllegalStateException("more fields than bits in RawFields.read");
        }
        Arrays.fill(kinds, Kind.ABSENT);
        reset();
    }

    private static List<String> lowerCase(Enum<?>[] values) {
        return Arrays.stream(values).map(WireNames::wireName).toList();
    }

    /** Forgets the previous record (and drops its strings, so a large one is not kept alive). */
    void reset() {
        for (long bits = read; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            kinds[i] = Kind.ABSENT;
            texts[i] = null;
        }
        read = 0;
        clearDims();
        dimsKind = Kind.ABSENT;
    }

    /** Stores the value whose first token {@code token} the parser is on; skips nested values. */
    void read(Field field, JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING -> string(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    int i = touch(field);
                    kinds[i] = Kind.BIG_INTEGER;
                    texts[i] = p.getText();
                    doubles[i] = p.getDoubleValue();
                } else {
                    integer(field, p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> decimal(field, p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> bool(field, token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> absent(field);
            default -> {
                kinds[touch(field)] = Kind.of(token);
                p.skipChildren();
            }
        }
    }

    /** Marks {@code field} as read and forgets its previous text; returns its slot. */
    private int touch(Field field) {
        int i = field.ordinal();
        read |= 1L << i;
        texts[i] = null;
        return i;
    }

    /**
     * A string value, given as {@code length} characters of {@code chars} from {@code offset} (the
     * parser's buffer or the scanner's scratch; valid only during the call).
     */
    void string(Field field, char[] chars, int offset, int length) {
        int i = touch(field);
        kinds[i] = Kind.STRING;
        if (field == Field.TS) {
            // parsed in place; the text is kept only for a rejected value's message (not a
            // timestamp, or before 1970)
            longs[i] = IsoTimestamps.parseMillis(window.over(chars, offset, length));
            texts[i] = longs[i] < 0 ? new String(chars, offset, length) : null;
        } else {
            texts[i] = text(i, chars, offset, length);
        }
    }

    /**
     * A string value of plain ASCII (no escapes), given as {@code length} bytes of the record from
     * {@code offset}: {@link #string} for the {@link FlatRecordScanner}, which reads bytes.
     */
    void asciiString(Field field, byte[] bytes, int offset, int length) {
        int i = touch(field);
        kinds[i] = Kind.STRING;
        if (field == Field.TS) {
            long millis = IsoTimestamps.canonicalMillis(bytes, offset, length);
            longs[i] = millis != Long.MIN_VALUE ? millis
                    : IsoTimestamps.parseMillis(window.over(bytes, offset, length));
            texts[i] = longs[i] < 0 ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1) : null;
            return;
        }
        KnownStrings names = known[i];
        if (names != null) {
            String name = names.findAscii(bytes, offset, length);
            texts[i] = name != null ? name : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        } else {
            texts[i] = repeated[i] ? recent.ofAscii(bytes, offset, length)
                    : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** An integer that fits a long. */
    void integer(Field field, long value) {
        int i = touch(field);
        kinds[i] = Kind.INTEGER;
        longs[i] = value;
        doubles[i] = value;
    }

    /** A number with a fraction or exponent. */
    void decimal(Field field, double value) {
        int i = touch(field);
        kinds[i] = Kind.DECIMAL;
        doubles[i] = value;
    }

    void bool(Field field, boolean value) {
        int i = touch(field);
        kinds[i] = Kind.BOOLEAN;
        longs[i] = value ? 1 : 0;
    }

    /** A top-level null: the same as no field. */
    void absent(Field field) {
        kinds[touch(field)] = Kind.ABSENT;
    }

    /** Stores the {@code dims} value whose first token {@code token} the parser is on. */
    void readDims(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            clearDims();
            dimsKind = Kind.ABSENT;
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            clearDims();
            dimsKind = Kind.of(token);
            p.skipChildren();
            return;
        }
        beginDims();
        String key;
        while ((key = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                dim(key, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            } else {
                if (badDimKey == null) {
                    badDimKey = key;
                    badDimKind = Kind.of(value);
                }
                p.skipChildren();
            }
        }
    }

    /** A {@code dims} object starts: its entries follow through {@link #dim}. */
    void beginDims() {
        clearDims();
        dimsKind = Kind.OBJECT;
    }

    /** One string entry of {@code dims}; ignored once an entry was not a string. */
    void dim(String key, char[] chars, int offset, int length) {
        if (badDimKey == null) {
            addDim(key, recent.of(chars, offset, length));
        }
    }

    /**
     * One {@code dims} entry of plain ASCII key and value, as bytes of the record: {@link #dim} for
     * the scanner. Keys are shared like the values, as Jackson's name table shares its keys.
     */
    void asciiDim(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength) {
        if (badDimKey == null) {
            addDim(recent.ofAscii(bytes, keyOffset, keyLength), recent.ofAscii(bytes, valueOffset, valueLength));
        }
    }

    /** A string value: the shared instance when known or recently seen, else a copy. */
    private String text(int i, char[] chars, int offset, int length) {
        KnownStrings names = known[i];
        if (names != null) {
            String name = names.find(chars, offset, length);
            return name != null ? name : new String(chars, offset, length);
        }
        return repeated[i] ? recent.of(chars, offset, length) : new String(chars, offset, length);
    }

    Kind kind(Field field) {
        return kinds[field.ordinal()];
    }

    /**
     * The string value, or the digits of a {@link Kind#BIG_INTEGER}. For {@code ts} only when it is
     * rejected: not a valid ISO timestamp, or before 1970 (see {@link #isoMillis}).
     */
    String text(Field field) {
        return texts[field.ordinal()];
    }

    /** The value of an {@link Kind#INTEGER}. */
    long longValue(Field field) {
        return longs[field.ordinal()];
    }

    /**
     * A {@link Kind#STRING} {@code ts} as epoch millis, {@link Long#MIN_VALUE} when it is not a valid
     * ISO timestamp: {@link IsoTimestamps#parseMillis} of the text.
     */
    long isoMillis(Field field) {
        return longs[field.ordinal()];
    }

    /** The value of any number kind. */
    double doubleValue(Field field) {
        return doubles[field.ordinal()];
    }

    boolean booleanValue(Field field) {
        return longs[field.ordinal()] != 0;
    }

    /** {@link Kind#OBJECT} when {@code dims} was an object, else what it was instead. */
    Kind dimsKind() {
        return dimsKind;
    }

    /** The first key of {@code dims} whose value was not a string, or null. */
    String badDimKey() {
        return badDimKey;
    }

    Kind badDimKind() {
        return badDimKind;
    }

    /**
     * The string entries of {@code dims} (last duplicate wins) as an immutable {@code Map.of} /
     * {@code Map.copyOf} map, whose iteration order is unspecified. Not
     * {@code Collections.unmodifiableMap}: Flink's Kryo fallback cannot deserialize that, while it
     * does handle the JDK's immutable maps.
     */
    Map<String, String> dims() {
        if (dimCount == 0) {
            return Map.of();
        }
        if (dimCount == 1) {
            return Map.of(dimKeys[0], dimValues[0]);
        }
        Map<String, String> map = new HashMap<>(dimCount * 2);
        for (int i = 0; i < dimCount; i++) {
            map.put(dimKeys[i], dimValues[i]);
        }
        return Map.copyOf(map);
    }

    private void addDim(String key, String value) {
        if (dimCount == dimKeys.length) {
            dimKeys = Arrays.copyOf(dimKeys, dimCount * 2);
            dimValues = Arrays.copyOf(dimValues, dimCount * 2);
        }
        dimKeys[dimCount] = key;
        dimValues[dimCount] = value;
        dimCount++;
    }

    private void clearDims() {
        if (dimCount == 0 && badDimKey == null) {
            return;
        }
        Arrays.fill(dimKeys, 0, dimCount, null);
        Arrays.fill(dimValues, 0, dimCount, null);
        dimCount = 0;
        badDimKey = null;
        badDimKind = null;
    }
}
