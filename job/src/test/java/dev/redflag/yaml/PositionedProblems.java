package dev.redflag.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fuzz tests of the YAML readers require of a rejection: at least one problem, and every
 * problem one line {@code source:line:column: message} (as {@link ConfigException} promises) whose
 * position lies inside the file, so a person can go to it whatever the file held.
 */
public final class PositionedProblems {

    private static final Pattern LINE = Pattern.compile("(.*?):(\\d+):(\\d+): (.+)");

    private PositionedProblems() {
    }

    /**
     * Reads {@code file} (as UTF-8 text named {@code source}) with {@code reader}: what it returns,
     * or null when it refused the file with a {@link ConfigException} that passes
     * {@link #assertPositioned}. Anything else thrown is the fuzz test's finding.
     */
    public static <T> T readOrRefused(byte[] file, String source, Function<String, T> reader) {
        String text = new String(file, UTF_8);
        try {
            return reader.apply(text);
        } catch (ConfigException e) {
            assertPositioned(e, source, text);
            return null;
        }
    }

    public static void assertPositioned(ConfigException e, String source, String text) {
        assertThat(e.problems()).as("a rejection names its problems").isNotEmpty();
        long lines = text.lines().count() + 1; // a problem may point just past the last line
        for (String problem : e.problems()) {
            Matcher m = LINE.matcher(problem);
            assertThat(m.matches()).as("'%s' starts with %s:line:column", problem, source).isTrue();
            assertThat(m.group(1)).as("source of '%s'", problem).isEqualTo(source);
            long line = Long.parseLong(m.group(2));
            assertThat(line).as("line of '%s'", problem).isBetween(1L, lines);
            assertThat(Long.parseLong(m.group(3))).as("column of '%s'", problem).isPositive();
            assertThat(m.group(4)).as("message of '%s'", problem).isNotBlank();
        }
    }
}
