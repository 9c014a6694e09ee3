package dev.redflag.labels;

/** A user's regular expression that RE2 syntax does not accept; {@link #reason()} says why in the user's terms. */
public final class InvalidRegexException extends IllegalArgumentException {

    private final String regex;
    private final String reason;

    InvalidRegexException(String regex, String reason) {
        super("'" + regex + "': " + reason);
        this.regex = regex;
        this.reason = reason;
    }

    /** The expression as written. */
    public String regex() {
        return regex;
    }

    /** What is wrong, e.g. {@code missing closing ): `(sales`}. */
    public String reason() {
        return reason;
    }
}
