package dev.redflag.notify.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Slack messages go. A webhook URL and a bot token are both credentials, whoever holds one
 * can post to the workspace, so this type is the only place that knows them: its
 * {@link #toString()}, its exceptions and {@link #redact(String)} keep them out of logs, stack
 * traces and delivery errors. Exactly one of {@code webhookUrl} and {@code botToken} is set.
 *
 * @param webhookUrl incoming webhook URL, null for the bot API
 * @param botToken   bot token ({@code xoxb-...}) for {@code chat.postMessage}, null for a webhook
 * @param apiBaseUrl base URL of Slack's Web API without trailing slash, null for a webhook
 */
public record SlackEndpoint(String webhookUrl, String botToken, String apiBaseUrl) {

    /** Slack's Web API, where {@code chat.postMessage} lives. */
    public static final String DEFAULT_API_URL = "https://slack.com/api";

    static final String WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    static final String WEBHOOK_URL_FILE = "SLACK_WEBHOOK_URL_FILE";
    static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    static final String BOT_TOKEN_FILE = "SLACK_BOT_TOKEN_FILE";
    static final String API_URL = "SLACK_API_URL";

    private static final String MASK = "***";

    public SlackEndpoint {
        webhookUrl = blankToNull(webhookUrl);
        botToken = blankToNull(botToken);
        apiBaseUrl = blankToNull(apiBaseUrl);
        if ((webhookUrl == null) == (botToken == null)) {
            throw new IllegalArgumentException("a Slack endpoint needs either a webhook URL or a bot token, not both");
        }
        if (webhookUrl != null) {
            if (apiBaseUrl != null) {
                throw new IllegalArgumentException("a webhook endpoint takes no API base URL");
            }
            if (!WebUrl.isHttp(webhookUrl)) {
                // the URL is the secret: say what is wrong, never what it is
                throw new IllegalArgumentException("the Slack webhook URL is not an absolute http(s) URL");
            }
        } else {
            if (botToken.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("the Slack bot token contains whitespace or control characters");
            }
            apiBaseUrl = apiBaseUrl == null ? DEFAULT_API_URL : apiBaseUrl;
            if (!WebUrl.isHttp(apiBaseUrl)) {
                throw new IllegalArgumentException("Slack API base URL must be an http(s) URL: " + apiBaseUrl);
            }
            while (apiBaseUrl.endsWith("/")) {
                apiBaseUrl = apiBaseUrl.substring(0, apiBaseUrl.length() - 1);
            }
        }
    }

    public static SlackEndpoint webhook(String url) {
        return new SlackEndpoint(url, null, null);
    }

    public static SlackEndpoint bot(String token) {
        return new SlackEndpoint(null, token, null);
    }

    public static SlackEndpoint bot(String token, String apiBaseUrl) {
        return new SlackEndpoint(null, token, apiBaseUrl);
    }

    /**
     * The endpoint the environment configures: {@code SLACK_WEBHOOK_URL}, {@code SLACK_BOT_TOKEN}
     * (with {@code SLACK_API_URL} when set), or the same secrets read from the files named by
     * {@code SLACK_WEBHOOK_URL_FILE} / {@code SLACK_BOT_TOKEN_FILE} (trimmed). Blank variables
     * count as unset; empty when none is set.
     *
     * @throws IllegalArgumentException when more than one of them is set, or a secret file is empty
     * @throws UncheckedIOException     when a secret file cannot be read
     */
    public static Optional<SlackEndpoint> fromEnvironment(Map<String, String> env) {
        List<String> set = new ArrayList<>();
        for (String name : List.of(WEBHOOK_URL, BOT_TOKEN, WEBHOOK_URL_FILE, BOT_TOKEN_FILE)) {
            if (blankToNull(env.get(name)) != null) {
                set.add(name);
            }
        }
        if (set.isEmpty()) {
            return Optional.empty();
        }
        if (set.size() > 1) {
            throw new IllegalArgumentException("set only one of " + String.join(", ", set));
        }
        String apiUrl = env.get(API_URL);
        return Optional.of(switch (set.get(0)) {
            case WEBHOOK_URL -> webhook(env.get(WEBHOOK_URL));
            case BOT_TOKEN -> bot(env.get(BOT_TOKEN), apiUrl);
            case WEBHOOK_URL_FILE -> webhook(readSecret(WEBHOOK_URL_FILE, env.get(WEBHOOK_URL_FILE)));
            default -> bot(readSecret(BOT_TOKEN_FILE, env.get(BOT_TOKEN_FILE)), apiUrl);
        });
    }

    public boolean isWebhook() {
        return webhookUrl != null;
    }

    /** Where a message is posted: the webhook itself, or the API's {@code chat.postMessage}. */
    URI postUri() {
        return URI.create(isWebhook() ? webhookUrl : apiBaseUrl + "/chat.postMessage");
    }

    /** Where a bot edits a message it posted: the API's {@code chat.update}. */
    URI updateUri() {
        return URI.create(apiBaseUrl + "/chat.update");
    }

    /**
     * The text with this endpoint's secrets masked: the token, the webhook URL, and the webhook's
     * path on its own (the path is the secret part, and errors may quote it without the host).
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        if (!isWebhook()) {
            return text.replace(botToken, MASK);
        }
        String out = text.replace(webhookUrl, MASK);
        String path = URI.create(webhookUrl).getRawPath();
        if (path != null && path.length() > 1) {
            out = out.replace(path, MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return isWebhook()
                ? "SlackEndpoint[webhook=" + MASK + "]"
                : "SlackEndpoint[botToken=" + MASK + ", api=" + apiBaseUrl + "]";
    }

    private static String readSecret(String variable, String file) {
        String secret;
        try {
            secret = Files.readString(Path.of(file.strip())).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + variable + " file " + file.strip(), e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(variable + " file is empty: " + file.strip());
        }
        return secret;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
