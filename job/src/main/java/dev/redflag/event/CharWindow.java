package dev.redflag.event;

import java.nio.charset.StandardCharsets;

/**
 * A reusable view of a range of a char array (the parser's buffer), or of ASCII bytes (the
 * {@link FlatRecordScanner}'s record), as a {@link CharSequence}, so an ISO timestamp can be parsed
 * in place without copying it into a string first. Valid only until the reader moves on; not
 * thread-safe.
 */
final class CharWindow implements CharSequence {

    private char[] chars = new char[0];
    /** Non-null when the window is over bytes, each one character. */
    private byte[] bytes;
    private int offset;
    private int length;

    CharWindow over(char[] chars, int offset, int length) {
        this.chars = chars;
        this.bytes = null;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Over {@code length} bytes from {@code offset}, each read as the character of its value. */
    CharWindow over(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of " + length);
        }
        return bytes != null ? (char) (bytes[offset + index] & 0xff) : chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        return bytes != null ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1)
                : new String(chars, offset, length);
    }
}
