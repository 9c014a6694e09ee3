package dev.redflag.demo;

/**
 * The few JSON-writing primitives the generator needs. It writes hundreds of thousands of records
 * per benchmark run, so it appends straight into a caller's {@link StringBuilder} instead of going
 * through a JSON library or {@code String.format}.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(CharSequence s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }

    /**
     * Appends {@code s} as a JSON string literal: quotes and backslashes escaped, control
     * characters as {@code \n}, {@code \t} ... or a six-character unicode escape; everything else, including
     * non-ASCII, as is (the records are UTF-8).
     */
    static StringBuilder quote(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** Appends an amount of cents as a decimal number with two fraction digits, e.g. {@code -12.05}. */
    static StringBuilder cents(StringBuilder sb, long cents) {
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        long frac = cents % 100;
        sb.append(cents / 100).append('.');
        if (frac < 10) {
            sb.append('0');
        }
        return sb.append(frac);
    }
}
