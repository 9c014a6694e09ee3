package dev.redflag.actions;

import dev.redflag.env.EnvironmentSecret;

import java.util.Map;
import java.util.Optional;

/**
 * The Slack app's signing secret, from {@code SLACK_SIGNING_SECRET} or the file named by
 * {@code SLACK_SIGNING_SECRET_FILE} (trimmed), as the bot token comes from {@code SLACK_BOT_TOKEN}
 * or its file. Never printed: errors name the variable, not the value.
 */
public final class SigningSecret {

    public static final String VARIABLE = "SLACK_SIGNING_SECRET";
    public static final String FILE_VARIABLE = EnvironmentSecret.fileVariable(VARIABLE);

    private SigningSecret() {
    }

    /**
     * @throws IllegalArgumentException when both are set, or the file is empty
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static Optional<String> fromEnvironment(Map<String, String> env) {
        return EnvironmentSecret.read(env, VARIABLE);
    }
}
