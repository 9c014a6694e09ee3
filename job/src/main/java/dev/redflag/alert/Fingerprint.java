package dev.redflag.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The identity of one alert (rule + label set) as 16 hex digits: the key of its lifecycle state,
 * of notification dedup and of silences, so it must be the same on every JVM, in every run and
 * for every order in which labels were collected.
 *
 * <p>Definition: 64-bit FNV-1a over the UTF-8 bytes of the rule id, then for each label in
 * ascending order of name a 0xFF byte, the name, a 0xFE byte and the value (0xFE and 0xFF never
 * occur in UTF-8, so no two label sets share an input), printed as 16 lower-case hex digits.
 */
public final class Fingerprint {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprint() {
    }

    /** e.g. {@code 3f6b2a1c9d0e8f47} */
    public static String of(String ruleId, Map<String, String> labels) {
        String hex = Long.toHexString(hash(ruleId, labels));
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** The 64-bit value behind {@link #of}. */
    public static long hash(String ruleId, Map<String, String> labels) {
        SortedMap<String, String> sorted = labels instanceof SortedMap<String, String> s && s.comparator() == null
                ? s : new TreeMap<>(labels);
        long h = add(OFFSET_BASIS, ruleId);
        for (Map.Entry<String, String> label : sorted.entrySet()) {
            h = add(h, 0xFF);
            h = add(h, label.getKey());
            h = add(h, 0xFE);
            h = add(h, label.getValue() == null ? "" : label.getValue());
        }
        return h;
    }

    private static long add(long h, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = add(h, b & 0xFF);
        }
        return h;
    }

    private static long add(long h, int octet) {
        return (h ^ octet) * PRIME;
    }
}
