package dev.redflag.notify.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.redflag.notify.Http;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt's answer means for the next step. Kept apart from the sending so that the
 * rules (5xx and network errors are worth a retry, 429 and {@code ratelimited} say how long to
 * wait, other 4xx and Slack errors will not get better) are in one place. Error texts here are
 * not yet redacted.
 *
 * @param verdict    what to do next
 * @param status     HTTP status, {@link Delivery#NO_STATUS} for none
 * @param error      why it failed, null when sent
 * @param ts         the posted message's {@code ts}, when Slack gave one
 * @param channel    the id of the channel it went to, when Slack gave one
 * @param retryAfter the wait Slack asked for, null when it asked for none
 */
record SlackAnswer(Verdict verdict, int status, String error, String ts, String channel, Duration retryAfter) {

    enum Verdict { SENT, RETRY, FINAL }

    private static final int MAX_BODY_IN_ERROR = 200;

    static SlackAnswer of(HttpResponse<String> response, boolean botApi) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 429) {
            return new SlackAnswer(Verdict.RETRY, status, "HTTP 429 rate limited", null, null, retryAfter(response));
        }
        if (status >= 500) {
            return new SlackAnswer(Verdict.RETRY, status, httpError(status, body), null, null, null);
        }
        if (status < 200 || status >= 300) {
            return new SlackAnswer(Verdict.FINAL, status, httpError(status, body), null, null, null);
        }
        return botApi ? ofApiBody(response, status, body) : new SlackAnswer(Verdict.SENT, status, null, null, null, null);
    }

    static SlackAnswer of(Throwable failure) {
        return new SlackAnswer(Verdict.RETRY, Delivery.NO_STATUS, Http.networkError(failure), null, null, null);
    }

    /** The bot API answers 200 for its own failures too; {@code ok} in the body tells. */
    private static SlackAnswer ofApiBody(HttpResponse<String> response, int status, String body) {
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (!parsed.isJsonObject()) {
                return unreadable(status, body);
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return unreadable(status, body);
        }
        if (json.has("ok") && json.get("ok").isJsonPrimitive() && json.get("ok").getAsBoolean()) {
            return new SlackAnswer(Verdict.SENT, status, null, string(json, "ts"), string(json, "channel"), null);
        }
        String error = string(json, "error");
        String text = "slack error: " + (error == null ? "unknown" : error);
        if ("ratelimited".equals(error)) {
            return new SlackAnswer(Verdict.RETRY, status, text, null, null, retryAfter(response));
        }
        return new SlackAnswer(Verdict.FINAL, status, text, null, null, null);
    }

    private static SlackAnswer unreadable(int status, String body) {
        return new SlackAnswer(Verdict.FINAL, status, "unreadable API answer: " + excerpt(body), null, null, null);
    }

    /** {@code Retry-After} in seconds, as Slack sends it; null when missing or not a number of seconds. */
    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.get().strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String string(JsonObject json, String name) {
        JsonElement e = json.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String httpError(int status, String body) {
        String excerpt = excerpt(body);
        return "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
    }

    private static String excerpt(String body) {
        String s = body.strip();
        return s.length() <= MAX_BODY_IN_ERROR ? s : s.substring(0, MAX_BODY_IN_ERROR) + SlackText.ELLIPSIS;
    }
}
