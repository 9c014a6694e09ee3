package dev.redflag.event;

import java.nio.charset.StandardCharsets;

/**
 * {@link CharWindow} over ASCII bytes: a range of a record's bytes read as characters (an ISO
 * timestamp parsed) by the {@link FlatRecordScanner} without widening them into a char array first.
 * Valid only while the scanner is on the record; not thread-safe.
 */
final class AsciiWindow implements CharSequence {

    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    AsciiWindow over(byte[] bytes, int offset, int length) {
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
        return (char) (bytes[offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
