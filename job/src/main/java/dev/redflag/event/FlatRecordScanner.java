package dev.redflag.event;

/**
 * Reads the shape nearly every event record has straight from its bytes, without a JSON
 * tokenizer: one object whose values are ASCII strings without escapes, plain numbers, literals,
 * and a {@code dims} object of such strings, followed by nothing but whitespace. Anything else it
 * declines, and the decoder reads the record with Jackson instead, so the dead-letter reasons and
 * their details are Jackson's, exactly as before; a declined record costs one partial scan more.
 *
 * <p>Why it declines rather than handles: escapes, non-ASCII text (whose UTF-8 Jackson checks),
 * nested values, leading zeros, exponents, numbers beyond 18 digits or with more than 15
 * significant digits (a decimal is {@code mantissa / 10^digits}, exact only while both fit a
 * double's 53 bits: then the one rounding is the correct one, the same double Jackson's parser
 * gives) are rare in events and are where a hand-written reader would differ from Jackson.
 *
 * <p>Fills the same {@link RawFields} as the Jackson path, through the same methods, so validation
 * and events are built by one code. Not thread-safe; one per decoder.
 */
final class FlatRecordScanner {

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    private static final int MAX_LONG_DIGITS = 18;
    private static final int MAX_EXACT_DIGITS = 15;
    private static final int NONE = AsciiWords.NONE;

    private final RawFields raw;
    private byte[] bytes;
    private int pos;
    private int end;

    FlatRecordScanner(RawFields raw) {
        this.raw = raw;
    }

    /**
     * Reads the record into the fields; false when it is not of the common shape, in which case the
     * fields hold part of it and must be reset before another reader fills them.
     */
    boolean scan(byte[] record, int offset, int length) {
        bytes = record;
        pos = offset;
        end = offset + length;
        try {
            return object();
        } finally {
            bytes = null;
        }
    }

    private boolean object() {
        skipWhitespace();
        if (peek() != '{') {
            return false;
        }
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return atEnd();
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                return false;
            }
            int keyStart = pos + 1;
            // a known name is matched where it starts, which also finds its end; any other key is
            // read to its end and dropped
            Field field = Field.atKey(bytes, keyStart, end);
            int keyEnd = field != null ? keyStart + field.nameLength() : stringEnd(keyStart);
            if (keyEnd == NONE || !colonAfter(keyEnd)) {
                return false;
            }
            if (!(field == Field.DIMS ? dims() : value(field))) {
                return false;
            }
            skipWhitespace();
            int next = peek();
            pos++;
            if (next == '}') {
                return atEnd();
            }
            if (next != ',') {
                return false;
            }
        }
    }

    /** One value; {@code field} null for a key the decoder does not use (read, then dropped). */
    private boolean value(Field field) {
        int c = peek();
        if (c == '"') {
            int start = pos + 1;
            int close = stringEnd(start);
            if (close == NONE) {
                return false;
            }
            if (field != null) {
                raw.asciiString(field, bytes, start, close - start);
            }
            pos = close + 1;
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(field);
        }
        if (literal("true")) {
            if (field != null) {
                raw.bool(field, true);
            }
            return true;
        }
        if (literal("false")) {
            if (field != null) {
                raw.bool(field, false);
            }
            return true;
        }
        if (literal("null")) {
            if (field != null) {
                raw.absent(field);
            }
            return true;
        }
        return false;
    }

    private boolean number(Field field) {
        int p = pos;
        boolean negative = bytes[p] == '-';
        if (negative) {
            p++;
        }
        int start = p;
        long mantissa = 0;
        while (p < end && isDigit(bytes[p])) {
            mantissa = mantissa * 10 + (bytes[p++] - '0');
            if (p - start > MAX_LONG_DIGITS) {
                return false;
            }
        }
        int integerDigits = p - start;
        if (integerDigits == 0 || (integerDigits > 1 && bytes[start] == '0')) {
            return false;
        }
        boolean decimal = p < end && bytes[p] == '.';
        int fractionDigits = 0;
        if (decimal) {
            p++;
            int fractionStart = p;
            while (p < end && isDigit(bytes[p]) && p - fractionStart < MAX_EXACT_DIGITS) {
                mantissa = mantissa * 10 + (bytes[p++] - '0');
            }
            fractionDigits = p - fractionStart;
            if (fractionDigits == 0 || integerDigits + fractionDigits > MAX_EXACT_DIGITS) {
                return false;
            }
        }
        if (p < end && (isDigit(bytes[p]) || bytes[p] == 'e' || bytes[p] == 'E' || bytes[p] == '.')) {
            return false;
        }
        pos = p;
        if (field != null) {
            long signed = negative ? -mantissa : mantissa;
            if (decimal) {
                double magnitude = mantissa / POWERS_OF_TEN[fractionDigits];
                raw.decimal(field, negative ? -magnitude : magnitude);
            } else {
                raw.integer(field, signed);
            }
        }
        return true;
    }

    /** {@code "dims": {"key": "value", ...}}; any other value (null included) is Jackson's to read. */
    private boolean dims() {
        if (peek() != '{') {
            return false;
        }
        pos++;
        raw.beginDims();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return true;
        }
        while (true) {
            skipWhitespace();
            int keyStart = pos + 1;
            int keyEnd = peek() == '"' ? stringEnd(keyStart) : NONE;
            if (keyEnd == NONE || !colonAfter(keyEnd) || peek() != '"') {
                return false;
            }
            int valueStart = pos + 1;
            int valueEnd = stringEnd(valueStart);
            if (valueEnd == NONE) {
                return false;
            }
            raw.asciiDim(bytes, keyStart, keyEnd - keyStart, valueStart, valueEnd - valueStart);
            pos = valueEnd + 1;
            skipWhitespace();
            int next = peek();
            pos++;
            if (next == '}') {
                return true;
            }
            if (next != ',') {
                return false;
            }
        }
    }

    /** Past the closing quote at {@code quote}, whitespace, a colon and whitespace; false when no colon. */
    private boolean colonAfter(int quote) {
        if (quote + 2 < end && bytes[quote + 1] == ':' && bytes[quote + 2] > ' ') { // compact JSON
            pos = quote + 2;
            return true;
        }
        pos = quote + 1;
        skipWhitespace();
        if (peek() != ':') {
            return false;
        }
        pos++;
        skipWhitespace();
        return true;
    }

    /** {@link AsciiWords#stringEnd} in this record. */
    private int stringEnd(int from) {
        return AsciiWords.stringEnd(bytes, from, end);
    }

    private boolean literal(String word) {
        int n = word.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private int peek() {
        return pos < end ? bytes[pos] : NONE;
    }

    private boolean atEnd() {
        skipWhitespace();
        return pos == end;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = bytes[pos];
            // one compare for the usual case, a structural byte or a value's first: all above a space
            if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
                return;
            }
            pos++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
