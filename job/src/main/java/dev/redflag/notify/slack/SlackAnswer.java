package dev.redflag.notify.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.redflag.notify.delivery.Answer;

import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * How Slack's answers read, for the shared delivery. Kept apart from the sending so that the rules
 * (5xx and network errors are worth a retry, 429 and {@code ratelimited} say how long to wait,
 * other 4xx and Slack errors will not get better) are in one place.
 */
final class SlackAnswer {

    private SlackAnswer() {
    }

    static Answer<SlackPost> of(HttpResponse<String> response, boolean botApi) {
        if (botApi) {
            return ofApi(response, json -> new SlackPost(string(json, "ts"), string(json, "channel")));
        }
        Answer<SlackPost> failed = failedStatus(response);
        return failed != null ? failed : Answer.sent(response.statusCode(), SlackPost.WEBHOOK);
    }

    /**
     * An answer of a Web API method ({@code chat.postMessage}, {@code files.getUploadURLExternal},
     * ...); {@code value} reads what a success carries, null when it lacks what is needed.
     */
    static <T> Answer<T> ofApi(HttpResponse<String> response, Function<JsonObject, T> value) {
        Answer<T> failed = failedStatus(response);
        return failed != null ? failed
                : ofApiBody(response, response.statusCode(), response.body() == null ? "" : response.body(), value);
    }

    /** The answer an HTTP status other than 2xx means; null for 2xx. */
    private static <T> Answer<T> failedStatus(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 429) {
            return Answer.retry(status, "HTTP 429 rate limited", Answer.retryAfter(response));
        }
        if (status >= 500) {
            return Answer.retry(status, Answer.httpError(status, body), null);
        }
        if (status < 200 || status >= 300) {
            return Answer.refused(status, Answer.httpError(status, body));
        }
        return null;
    }

    /** The bot API answers 200 for its own failures too; {@code ok} in the body tells. */
    private static <T> Answer<T> ofApiBody(HttpResponse<String> response, int status, String body,
                                           Function<JsonObject, T> value) {
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
            T read = value.apply(json);
            return read != null ? Answer.sent(status, read) : unreadable(status, body);
        }
        String error = string(json, "error");
        String text = "slack error: " + (error == null ? "unknown" : error);
        if ("ratelimited".equals(error)) {
            return Answer.retry(status, text, Answer.retryAfter(response));
        }
        return Answer.refused(status, text);
    }

    private static <T> Answer<T> unreadable(int status, String body) {
        return Answer.refused(status, "unreadable API answer: " + Answer.excerpt(body));
    }

    static String string(JsonObject json, String name) {
        JsonElement e = json.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
