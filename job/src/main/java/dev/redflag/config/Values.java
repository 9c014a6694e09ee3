package dev.redflag.config;

import dev.redflag.yaml.Durations;
import dev.redflag.yaml.Suggestions;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for single config values. Each throws {@link IllegalArgumentException} with a
 * message that says what is wrong and what to write instead; the reader adds the key and
 * the location.
 */
final class Values {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_TOPIC_LENGTH = 249;
    private static final Pattern MEMORY_SIZE = Pattern.compile("(\\d{1,12})([mMgG])");
    private static final long MIN_MEMORY_MIB = 64;
    private static final long MAX_MEMORY_MIB = 1024L * 1024;

    private Values() {
    }

    static String nonEmpty(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text.strip();
    }

    static <E extends Enum<E>> E oneOf(String text, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            String name = value.name().toLowerCase(Locale.ROOT);
            if (name.equalsIgnoreCase(text.strip())) {
                return value;
            }
            names.add(name);
        }
        String message = "'" + text + "' is not one of " + String.join(", ", names);
        Optional<String> meant = Suggestions.closest(text.strip().toLowerCase(Locale.ROOT), names, 2);
        throw new IllegalArgumentException(message + meant.map(m -> "; did you mean '" + m + "'?").orElse(""));
    }

    static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    /** A whole number in {@code [min, max]}; {@code range} explains the allowed values. */
    static int integer(String text, int min, int max, String range) {
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(range + ", got " + n);
        }
        return (int) n;
    }

    /**
     * A port ({@code 9249}, 0 for any free one) or a range of them ({@code 9249-9250}, first and last
     * included) as {@code {first, last}}.
     */
    static int[] portOrRange(String text) {
        String range = "must be between 0 and 65535 (0 picks a free port), or a range like 9249-9250";
        int dash = text.indexOf('-', 1);
        if (dash < 0) {
            int port = integer(text, 0, 65535, range);
            return new int[] {port, port};
        }
        int first = integer(text.substring(0, dash), 1, 65535, range);
        int last = integer(text.substring(dash + 1), 1, 65535, range);
        if (last < first) {
            throw new IllegalArgumentException("the range " + text.strip() + " ends before it starts; write it as "
                    + last + "-" + first);
        }
        return new int[] {first, last};
    }

    /**
     * A memory size in MiB, written with {@code m} or {@code g} ({@code 512m}, {@code 2g}); at least
     * 64m, which RocksDB's caches of a slot or two need to be of any use.
     */
    static int memoryMib(String text) {
        Matcher m = MEMORY_SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size; write a whole number with m or g, "
                    + "e.g. 512m or 2g");
        }
        long mib = Long.parseLong(m.group(1)) * (m.group(2).equalsIgnoreCase("g") ? 1024 : 1);
        if (mib < MIN_MEMORY_MIB || mib > MAX_MEMORY_MIB) {
            throw new IllegalArgumentException("must be between 64m and 1024g, got " + text.strip());
        }
        return (int) mib;
    }

    static Duration duration(String text) {
        return Durations.parse(text);
    }

    static Duration positiveDuration(String text) {
        Duration d = Durations.parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be greater than 0s");
        }
        return d;
    }

    /** A positive duration, or {@code off} (empty). */
    static Optional<Duration> durationOrOff(String text) {
        if (text.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (or off to disable)");
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("must be greater than 0s; write off to disable");
        }
        return Optional.of(d);
    }

    static String topic(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a topic name must not be empty");
        }
        if (t.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("topic name is " + t.length() + " characters long; Kafka allows at most "
                    + MAX_TOPIC_LENGTH);
        }
        if (t.equals(".") || t.equals("..")) {
            throw new IllegalArgumentException("'" + t + "' is not a valid topic name; Kafka reserves '.' and '..'");
        }
        if (!TOPIC.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + t
                    + "' is not a valid topic name; use only letters, digits, '.', '_' and '-'");
        }
        return t;
    }

    /** A comma-separated {@code host:port} list, returned without blanks around the commas. */
    static String bootstrapServers(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty; list brokers as host:port, e.g. localhost:9092");
        }
        List<String> entries = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        for (String entry : entries) {
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("'" + text.strip()
                        + "' has an empty entry; separate brokers with single commas, e.g. kafka1:9092,kafka2:9092");
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + entry + "' has no port; write host:port, e.g. " + entry + ":9092");
            }
            String host = entry.substring(0, colon);
            String port = entry.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "' has no host; write host:port, e.g. localhost" + entry);
            }
            if (host.indexOf(':') >= 0 && !host.contains("://") && !(host.startsWith("[") && host.endsWith("]"))) {
                throw new IllegalArgumentException("'" + entry + "': write an IPv6 host in brackets, e.g. [::1]:9092");
            }
            if (!validPort(port)) {
                throw new IllegalArgumentException("'" + entry + "' has port '" + port + "'; use a number from 1 to 65535");
            }
        }
        return String.join(",", entries);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    /** A URI with a scheme, such as {@code file:///tmp/cp} or {@code s3://bucket/cp}. */
    static String uriWithScheme(String text) {
        String t = text.strip();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid URI (" + e.getReason() + " at index "
                    + e.getIndex() + "); e.g. file:///tmp/redflag/checkpoints");
        }
        if (uri.getScheme() == null) {
            String fix = t.startsWith("/") ? "write file://" + t
                    : "write a URI such as file:///tmp/redflag/checkpoints or s3://bucket/checkpoints";
            throw new IllegalArgumentException("'" + t + "' has no scheme; " + fix);
        }
        return t;
    }

    /** An absolute http(s) URL such as {@code http://localhost:9093}; a trailing slash is dropped. */
    static String httpUrl(String text) {
        String t = text.strip();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid URL (" + e.getReason() + "); e.g. http://localhost:9093");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + t + "' is not an http(s) URL with a host; e.g. http://localhost:9093");
        }
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    /** {@link #httpUrl} or empty for "none". */
    static String httpUrlOrEmpty(String text) {
        return text.isBlank() ? "" : httpUrl(text);
    }

    static String path(String text) {
        String t = nonEmpty(text);
        try {
            Path.of(t);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + t + "' is not a valid path: " + e.getReason());
        }
        return t;
    }
}
