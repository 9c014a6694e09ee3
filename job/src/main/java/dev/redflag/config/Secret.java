package dev.redflag.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * A credential read from the environment or a secret file. It prints as {@code ***} wherever it
 * ends up (a record's {@code toString}, a log line, an exception), so only the code that hands it
 * to a client calls {@link #reveal()}.
 */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The plain value, for the one place a client is configured with it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return Secrets.MASK;
    }
}
