package dev.redflag.event;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The few values a field can validly hold (event type names, lead stages, actions), so a record's
 * value can be recognised in the parser's characters and answered with the one shared string. An
 * unknown value returns null and the caller copies it: validation and its messages then work on an
 * ordinary string as before.
 */
final class KnownStrings {

    private final String[] names;
    /** The names as ASCII bytes, for {@link #findAscii}. */
    private final byte[][] bytes;

    KnownStrings(List<String> names) {
        this.names = names.toArray(new String[0]);
        this.bytes = new byte[this.names.length][];
        for (int i = 0; i < this.names.length; i++) {
            bytes[i] = this.names[i].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** The known name with exactly these {@code length} ASCII bytes of {@code record}, or null. */
    String findAscii(byte[] record, int offset, int length) {
        for (int i = 0; i < bytes.length; i++) {
            byte[] name = bytes[i];
            if (RecentStrings.equalBytes(name, record, offset, length)) {
                return names[i];
            }
        }
        return null;
    }

    /** The known name with exactly these characters, or null. */
    String find(char[] chars, int offset, int length) {
        for (String name : names) {
            if (RecentStrings.equal(name, chars, offset, length)) {
                return name;
            }
        }
        return null;
    }
}
