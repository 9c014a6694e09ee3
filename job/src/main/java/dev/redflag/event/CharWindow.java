package dev.redflag.event;

/**
 * A reusable view of a range of a char array as a {@link CharSequence}, so the parser's buffer can
 * be read (an ISO timestamp parsed) without copying it into a string first. Valid only until the
 * parser moves on; not thread-safe.
 */
final class CharWindow implements CharSequence {

    private char[] chars = new char[0];
    private int offset;
    private int length;

    CharWindow over(char[] chars, int offset, int length) {
        this.chars = chars;
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
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
