package dev.redflag.labels;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.regex.PatternSyntaxException;

/**
 * Any text as a matcher, in both spellings: Alertmanager's one string of routes, inhibit rules and
 * silences ({@link MatcherSyntax}, refused with {@link IllegalArgumentException}) and a rule file's
 * {@code match:} value ({@link Matcher#parse}, refused with {@link PatternSyntaxException}). What is
 * read is written back to an equal matcher, as a silences file needs. The values matched against
 * are short on purpose: how long a regex may take is the business of the regex engine, not of
 * parsing. Seeds are the matchers of alerts-config/ and the docs.
 */
class MatcherFuzzTest {

    private static final String[] LABEL_VALUES = {"", "web", "/pricing", "a.b-c_1"};

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "matchers.dict")
    void parsesOrRefuses(byte[] input) {
        String text = new String(input, UTF_8);
        Matcher alertmanager = null;
        try {
            alertmanager = MatcherSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        if (alertmanager != null) {
            String written = MatcherSyntax.format(alertmanager);
            assertThat(MatcherSyntax.parse(written)).as("written as %s", written).isEqualTo(alertmanager);
            matchAll(alertmanager);
        }
        Matcher rule = null;
        try {
            rule = Matcher.parse("dim", text);
        } catch (PatternSyntaxException e) {
            assertThat(e.getDescription()).isNotBlank();
        }
        if (rule != null) {
            matchAll(rule);
        }
    }

    private static void matchAll(Matcher m) {
        for (String value : LABEL_VALUES) {
            m.matches(value);
        }
        m.matches(null);
    }
}
