package dev.redflag.ruletest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short way to write a KPI series in a rule test, close to {@code promtool}'s series notation
 * so that people who know one can read the other: a week of hourly values is one token, not 168
 * lines. Unlike promtool, a count always means "this many values" ({@code 1x3} is three values,
 * not four), because a KPI series has one value per window and people count windows.
 *
 * <p>Grammar (items separated by blanks):
 * <ul>
 *   <li>{@code v} one value; {@code vxN} N times the value v;</li>
 *   <li>{@code a+bxN} / {@code a-bxN} N values starting at a, each b more / less than the one
 *       before ({@code 1+0.5x3} is 1 1.5 2);</li>
 *   <li>{@code _} no value for one window; {@code _xN} for N windows;</li>
 *   <li>{@code (items)xN} the items in parentheses N times ({@code (1 2)x2} is 1 2 1 2), nested
 *       freely: a daily pattern over two weeks is {@code (10x8 20x12 15x4)x14}.</li>
 * </ul>
 * A window without value is {@link Double#NaN} in the expansion. Steps are computed in decimal,
 * so {@code 0.1+0.05x3} is exactly 0.1 0.15 0.2 as written, not 0.15000000000000002.
 */
public final class SeriesNotation {

    /** More values than any sensible test needs; stops {@code 1x999999999} from eating the heap. */
    static final int MAX_VALUES = 100_000;

    private static final String NUM = "(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern VALUE = Pattern.compile("(-?" + NUM + ")(?:([+-])(" + NUM + "))?(?:x(\\d+))?");
    private static final Pattern GAP = Pattern.compile("_(?:x(\\d+))?");
    private static final Pattern COUNT = Pattern.compile("x(\\d+)");

    private final String text;
    private int pos;
    /** Column of the innermost '(' being read, for "never closed". */
    private int openedAt;

    private SeriesNotation(String text) {
        this.text = text;
    }

    /**
     * The values of a series, NaN where the series has no value.
     *
     * @throws IllegalArgumentException naming the item that is wrong and how to write it
     */
    public static List<Double> expand(String text) {
        SeriesNotation parser = new SeriesNotation(text == null ? "" : text);
        List<Double> values = new ArrayList<>();
        parser.sequence(values, false);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values; write e.g. \"0.3x6 0.6 _ 0.3\"");
        }
        return values;
    }

    private void sequence(List<Double> out, boolean nested) {
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                if (nested) {
                    throw new IllegalArgumentException("'(' at column " + openedAt + " is never closed; add ')'");
                }
                return;
            }
            char c = text.charAt(pos);
            if (c == ')') {
                if (!nested) {
                    throw new IllegalArgumentException("')' at column " + (pos + 1) + " closes nothing");
                }
                return;
            }
            if (c == '(') {
                group(out);
            } else {
                atom(out);
            }
        }
    }

    private void group(List<Double> out) {
        int open = pos + 1;
        pos++;
        int outer = openedAt;
        openedAt = open;
        List<Double> inner = new ArrayList<>();
        sequence(inner, true);
        openedAt = outer;
        pos++; // ')'
        int end = tokenEnd();
        String suffix = text.substring(pos, end);
        int times = 1;
        if (!suffix.isEmpty()) {
            Matcher m = COUNT.matcher(suffix);
            if (!m.matches()) {
                throw new IllegalArgumentException("')" + suffix + "' at column " + pos
                        + ": after a group write xN to repeat it N times, e.g. (1 2)x3");
            }
            times = count(m.group(1), ")" + suffix);
        }
        pos = end;
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("empty group '()' at column " + open);
        }
        for (int i = 0; i < times; i++) {
            add(out, inner);
        }
    }

    private void atom(List<Double> out) {
        int start = pos;
        int end = tokenEnd();
        String token = text.substring(start, end);
        pos = end;
        Matcher gap = GAP.matcher(token);
        if (gap.matches()) {
            int n = gap.group(1) == null ? 1 : count(gap.group(1), token);
            check(out.size() + (long) n);
            for (int i = 0; i < n; i++) {
                out.add(Double.NaN);
            }
            return;
        }
        Matcher v = VALUE.matcher(token);
        if (!v.matches()) {
            throw new IllegalArgumentException("'" + token + "' at column " + (start + 1)
                    + " is not a value; write v, vxN, a+bxN, _ or _xN (e.g. 0.3x6 0.6 _ 0.3)");
        }
        if (v.group(2) != null && v.group(4) == null) {
            throw new IllegalArgumentException("'" + token + "' at column " + (start + 1)
                    + " has a step but no count; write e.g. " + token + "x5 for 5 values");
        }
        BigDecimal first = new BigDecimal(v.group(1));
        BigDecimal step = v.group(2) == null ? BigDecimal.ZERO
                : v.group(2).equals("-") ? new BigDecimal(v.group(3)).negate() : new BigDecimal(v.group(3));
        int n = v.group(4) == null ? 1 : count(v.group(4), token);
        check(out.size() + (long) n);
        for (int i = 0; i < n; i++) {
            out.add(first.add(step.multiply(BigDecimal.valueOf(i))).doubleValue());
        }
    }

    /** The end of the token at {@link #pos}: the next blank or parenthesis. */
    private int tokenEnd() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '('
                && text.charAt(end) != ')') {
            end++;
        }
        return end;
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static int count(String digits, String token) {
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n < 1) {
            throw new IllegalArgumentException("'" + token + "': a count must be at least 1");
        }
        if (n > MAX_VALUES) {
            throw new IllegalArgumentException("'" + token + "': more than " + MAX_VALUES + " values");
        }
        return (int) n;
    }

    private static void add(List<Double> out, List<Double> values) {
        check(out.size() + (long) values.size());
        out.addAll(values);
    }

    private static void check(long size) {
        if (size > MAX_VALUES) {
            throw new IllegalArgumentException("more than " + MAX_VALUES + " values");
        }
    }
}
