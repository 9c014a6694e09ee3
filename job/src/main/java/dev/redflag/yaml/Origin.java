package dev.redflag.yaml;

/**
 * Where a config value came from: a position in a file, an environment variable, or the
 * built-in default. Its {@link #toString()} is the prefix of a problem line.
 *
 * @param line 1-based, 0 when the source has no position (an env variable, a missing key)
 */
public record Origin(String source, int line, int column) {

    public static Origin at(String source, int line, int column) {
        return new Origin(source, line, column);
    }

    /** The whole source, without a position. */
    public static Origin of(String source) {
        return new Origin(source, 0, 0);
    }

    public static Origin env(String variable) {
        return new Origin("env " + variable, 0, 0);
    }

    public boolean hasPosition() {
        return line > 0;
    }

    @Override
    public String toString() {
        return hasPosition() ? source + ":" + line + ":" + column : source;
    }
}
