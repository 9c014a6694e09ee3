package dev.redflag.labels;

import dev.redflag.labels.Matcher.Op;

/**
 * Alertmanager writes a matcher as one string ({@code team=~"sales|revenue"}) in routes, inhibit
 * rules and silences. Reading and writing that single spelling in one place keeps the three
 * files alike, and lets a silence file read back to exactly the matchers it was written from.
 *
 * <p>The value is double-quoted (with {@code \\}, {@code \"}, {@code \n} and {@code \t}
 * escapes) or, as Alertmanager also accepts, bare up to the end of the string.
 */
public final class MatcherSyntax {

    private MatcherSyntax() {
    }

    /** @throws IllegalArgumentException with a message that says how to write it instead */
    public static Matcher parse(String text) {
        String s = text.strip();
        int i = 0;
        while (i < s.length() && isNameChar(s.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + s + "' does not start with a label name; write e.g. "
                    + "severity=\"critical\"");
        }
        String name = s.substring(0, i);
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        Op op = opAt(s, i);
        if (op == null) {
            throw new IllegalArgumentException("'" + s + "': after the label name '" + name
                    + "' comes =, !=, =~ or !~");
        }
        String rest = s.substring(i + op.symbol().length()).strip();
        String value = rest.startsWith("\"") ? unquote(rest, s) : bare(rest, s);
        try {
            return new Matcher(name, op, value);
        } catch (InvalidRegexException e) {
            throw new IllegalArgumentException("'" + s + "' has an invalid regex: " + e.reason());
        }
    }

    /** The form {@link #parse} reads back to an equal matcher, e.g. {@code team=~"sales|revenue"}. */
    public static String format(Matcher m) {
        StringBuilder out = new StringBuilder(m.name()).append(m.op().symbol()).append('"');
        for (char c : m.value().toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private static Op opAt(String s, int i) {
        for (Op op : new Op[] {Op.REGEX, Op.NOT_REGEX, Op.NOT_EQUAL, Op.EQUAL}) {
            if (s.startsWith(op.symbol(), i)) {
                return op;
            }
        }
        return null;
    }

    private static String bare(String rest, String whole) {
        if (rest.indexOf('"') >= 0) {
            throw new IllegalArgumentException("'" + whole + "': quote the whole value, e.g. team=\"a b\"");
        }
        return rest;
    }

    private static String unquote(String quoted, String whole) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '"') {
                if (i != quoted.length() - 1) {
                    throw new IllegalArgumentException("'" + whole + "' has text after the closing quote");
                }
                return out.toString();
            }
            if (c == '\\') {
                if (++i == quoted.length()) {
                    break;
                }
                char e = quoted.charAt(i);
                switch (e) {
                    case '\\', '"' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    default -> throw new IllegalArgumentException("'" + whole + "' has an unknown escape '\\" + e
                            + "'; use \\\\, \\\", \\n or \\t");
                }
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("'" + whole + "' has no closing quote");
    }
}
