package dev.redflag.notify.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.redflag.notify.delivery.Answer;

import java.net.http.HttpResponse;

/**
 * How Slack's answers read, for the shared delivery. Kept apart from the sending so that the rules
 * (5xx and network errors are worth a retry, 429 and {@code ratelimited} say how long to wait,
 * other 4xx and Slack errors will not get better) are in one place.
 */
final class SlackAnswer {

    private SlackAnswer() {
    }

    static Answer<SlackPost> of(HttpResponse<String> response, boolean botApi) {
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
        return botApi ? ofApiBody(response, status, body) : Answer.sent(status, SlackPost.WEBHOOK);
    }

    /** The bot API answers 200 for its own failures too; {@code ok} in the body tells. */
    private static Answer<SlackPost> ofApiBody(HttpResponse<String> response, int status, String body) {
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
            return Answer.sent(status, new SlackPost(string(json, "ts"), string(json, "channel")));
        }
        String error = string(json, "error");
        String text = "slack error: " + (error == null ? "unknown" : error);
        if ("ratelimited".equals(error)) {
            return Answer.retry(status, text, Answer.retryAfter(response));
        }
        return Answer.refused(status, text);
    }

    private static Answer<SlackPost> unreadable(int status, String body) {
        return Answer.refused(status, "unreadable API answer: " + Answer.excerpt(body));
    }

    private static String string(JsonObject json, String name) {
        JsonElement e = json.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
