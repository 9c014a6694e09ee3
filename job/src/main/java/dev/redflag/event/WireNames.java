package dev.redflag.event;

import java.util.Locale;

/**
 * Lower-case wire names of an enum's constants, computed once so that matching a record's value
 * needs no case conversion or allocation, and so the detail of a bad value can list what is allowed.
 */
final class WireNames<E extends Enum<E>> {

    private final E[] values;
    private final String[] names;
    private final String allowed;

    WireNames(E[] values) {
        this.values = values.clone();
        this.names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = wireName(values[i]);
        }
        this.allowed = String.join(", ", names);
    }

    /**
     * The wire name of a constant: one shared instance per name, so that the decoder's
     * {@link KnownStrings}, built from these, hand out the very strings {@link #find} looks for.
     */
    static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).intern();
    }

    /** The constant whose wire name equals {@code name} exactly, or null. */
    E find(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) { // the usual case: the decoder's shared instance
                return values[i];
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** The allowed names, comma separated, for details. */
    String allowed() {
        return allowed;
    }
}
