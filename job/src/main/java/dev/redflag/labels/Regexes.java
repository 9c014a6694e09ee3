package dev.redflag.labels;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles the regular expressions users write (matchers, {@code redflag test --run}) with RE2/J,
 * whose matching takes time linear in the input: {@code (a+)+$} against a long label value cannot
 * stall the job as it would on {@code java.util.regex}'s backtracking. Prometheus and Alertmanager
 * use Go's RE2, so a matcher means the same here as there.
 *
 * <p>RE2 leaves out what needs backtracking (backreferences, lookahead and lookbehind, atomic
 * groups, possessive quantifiers). An expression that uses them is rejected when its file is read,
 * with a reason that names the construct, rather than failing or crawling while alerts flow.
 */
public final class Regexes {

    private static final String RE2_PREFIX = "error parsing regexp: ";

    private Regexes() {
    }

    /** @throws InvalidRegexException when RE2 syntax does not accept {@code regex} */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidRegexException(regex, reason(e));
        }
    }

    /** RE2/J's message without its prefix, and what the construct is when RE2 leaves it out on purpose. */
    private static String reason(PatternSyntaxException e) {
        String message = e.getMessage().startsWith(RE2_PREFIX)
                ? e.getMessage().substring(RE2_PREFIX.length()) : e.getMessage();
        String unsupported = unsupported(e.getDescription(), fragment(message));
        return unsupported == null ? message
                : message + "; " + unsupported + " not supported: matchers use RE2 syntax, which matches in linear time";
    }

    /** The part of the expression RE2/J quotes in backticks, or "". */
    private static String fragment(String message) {
        int open = message.indexOf('`');
        int close = message.lastIndexOf('`');
        return open >= 0 && close > open ? message.substring(open + 1, close) : "";
    }

    private static String unsupported(String description, String fragment) {
        if (description == null) {
            return null;
        }
        return switch (description) {
            case "invalid escape sequence" -> fragment.length() == 2
                    && (fragment.charAt(1) >= '1' && fragment.charAt(1) <= '9' || fragment.charAt(1) == 'k')
                    ? "backreferences are" : null;
            case "invalid or unsupported Perl syntax" -> fragment.startsWith("(?=") || fragment.startsWith("(?!")
                    ? "lookahead is" : fragment.startsWith("(?>") ? "atomic groups are" : null;
            case "invalid named capture" -> fragment.startsWith("(?<=") || fragment.startsWith("(?<!")
                    ? "lookbehind is" : null;
            case "invalid nested repetition operator" -> fragment.endsWith("+") ? "possessive quantifiers are" : null;
            default -> null;
        };
    }
}
