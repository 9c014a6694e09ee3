package dev.redflag.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack app's signing secret, from {@code SLACK_SIGNING_SECRET} or the file named by
 * {@code SLACK_SIGNING_SECRET_FILE} (trimmed), as the bot token comes from {@code SLACK_BOT_TOKEN}
 * or its file. Never printed: errors name the variable, not the value.
 */
public final class SigningSecret {

    public static final String VARIABLE = "SLACK_SIGNING_SECRET";
    public static final String FILE_VARIABLE = "SLACK_SIGNING_SECRET_FILE";

    private SigningSecret() {
    }

    /**
     * @throws IllegalArgumentException when both are set, or the file is empty
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Optional<String> fromEnvironment(Map<String, String> env) {
        String value = blankToNull(env.get(VARIABLE));
        String file = blankToNull(env.get(FILE_VARIABLE));
        if (value != null && file != null) {
            throw new IllegalArgumentException("set only one of " + VARIABLE + ", " + FILE_VARIABLE);
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
            throw new UncheckedIOException("cannot read " + FILE_VARIABLE + " file " + file, e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(FILE_VARIABLE + " file is empty: " + file);
        }
        return Optional.of(secret);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
