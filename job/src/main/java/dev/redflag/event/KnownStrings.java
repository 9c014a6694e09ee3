package dev.redflag.event;

import java.util.List;

/**
 * The few values a field can validly hold (event type names, lead stages, actions), so a record's
 * value can be recognised in the parser's characters and answered with the one shared string. An
 * unknown value returns null and the caller copies it: validation and its messages then work on an
 * ordinary string as before.
 */
final class KnownStrings {

    private final String[] names;

    KnownStrings(List<String> names) {
        this.names = names.toArray(new String[0]);
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
