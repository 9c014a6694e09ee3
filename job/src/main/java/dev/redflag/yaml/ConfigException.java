package dev.redflag.yaml;

import java.util.List;

/**
 * The job config cannot be used. The message lists every problem found, one per line, each
 * as {@code <source>:<line>:<column>: <key>: <what is wrong and how to fix it>}, so a
 * person fixes the file in one round instead of one error per restart.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each, in file order. */
    public List<String> problems() {
        return problems;
    }
}
