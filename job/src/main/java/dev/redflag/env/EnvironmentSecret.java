package dev.redflag.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret given in an environment variable, or in the file its {@code _FILE} twin names (a
 * mounted Kubernetes or Compose secret), trimmed. Errors name the variables, never the value, so
 * they can be shown and logged.
 */
public final class EnvironmentSecret {

    private EnvironmentSecret() {
    }

    /** The variable that names a file holding the secret of {@code variable}. */
    public static String fileVariable(String variable) {
        return variable + "_FILE";
    }

    /**
     * The secret of {@code variable} in {@code env}: its value, or the content of the file that
     * {@code variable_FILE} names; empty when neither is set (blank counts as not set).
     *
     * @throws IllegalArgumentException when both are set, or the file is empty
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Optional<String> read(Map<String, String> env, String variable) {
        String fileVariable = fileVariable(variable);
        String value = blankToNull(env.get(variable));
        String file = blankToNull(env.get(fileVariable));
        if (value != null && file != null) {
            throw new IllegalArgumentException("set only one of " + variable + ", " + fileVariable);
        }
        if (value != null) {
            return Optional.of(value);
        }
        if (file == null) {
            return Optional.empty();
        }
        String secret;
        try {
            secret = Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileVariable + " file " + file, e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(fileVariable + " file is empty: " + file);
        }
        return Optional.of(secret);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
