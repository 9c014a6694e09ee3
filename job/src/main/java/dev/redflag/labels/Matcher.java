package dev.redflag.labels;

import com.google.re2j.Pattern;

import java.io.Serializable;
import java.util.Objects;

/**
 * A label matcher as in Prometheus and Alertmanager: {@code name=value}, {@code name!=value},
 * {@code name=~regex}, {@code name!~regex}. A regex is anchored at both ends as Prometheus anchors it
 * ({@code =~"foo"} means {@code ^(?:foo)$}: it does not match {@code foobar}), written in RE2 syntax and
 * matched in linear time ({@link Regexes}), and compiled once, here, never per value matched.
 */
public final class Matcher implements Serializable {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final String name;
    private final Op op;
    private final String value;
    private final Pattern pattern;

    /** @throws InvalidRegexException for a regex RE2 syntax does not accept */
    public Matcher(String name, Op op, String value) {
        this.name = Objects.requireNonNull(name);
        this.op = Objects.requireNonNull(op);
        this.value = Objects.requireNonNull(value);
        this.pattern = op == Op.REGEX || op == Op.NOT_REGEX ? Regexes.compile(value) : null;
    }

    /**
     * A matcher as written in a rule file's {@code match:} block: {@code =~re}, {@code !~re},
     * {@code !=value}, {@code =value} (equality, for values that start with {@code !} or
     * {@code =}), or a plain value for equality.
     *
     * @throws InvalidRegexException for a regex RE2 syntax does not accept
     */
    public static Matcher parse(String name, String written) {
        if (written.startsWith("=~")) {
            return new Matcher(name, Op.REGEX, written.substring(2));
        }
        if (written.startsWith("!~")) {
            return new Matcher(name, Op.NOT_REGEX, written.substring(2));
        }
        if (written.startsWith("!=")) {
            return new Matcher(name, Op.NOT_EQUAL, written.substring(2));
        }
        if (written.startsWith("=")) {
            return new Matcher(name, Op.EQUAL, written.substring(1));
        }
        return new Matcher(name, Op.EQUAL, written);
    }

    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    public String value() {
        return value;
    }

    /** Whether a label value (null when the label is absent, which matches as "") passes. */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            // matches() is the whole value, as Prometheus' ^(?:re)$; the pattern was validated whole,
            // so an unbalanced ')' cannot slip out of the anchors as it could in a wrapped string
            case REGEX -> pattern.matches(v);
            case NOT_REGEX -> !pattern.matches(v);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.name.equals(name) && m.op == op && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    @Override
    public String toString() {
        return name + op.symbol + "\"" + value + "\"";
    }
}
