package dev.redflag.notify.delivery;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt's answer means for the next step, as a receiver reads its service's answers:
 * taken (with what the service said back, such as Slack's {@code ts}), worth a retry (perhaps
 * after a wait the service asked for), or refused for good. Error texts here are not yet redacted;
 * {@link HttpDelivery} masks them before they go anywhere.
 *
 * @param verdict    what to do next
 * @param status     HTTP status, {@link Outcome#NO_STATUS} for none
 * @param error      why it failed, null when sent
 * @param retryAfter the wait the service asked for, null when it asked for none
 * @param value      what a taken answer carried, for the receiver; null otherwise, or when it carries nothing
 */
public record Answer<T>(Verdict verdict, int status, String error, Duration retryAfter, T value) {

    public enum Verdict { SENT, RETRY, FINAL }

    private static final int MAX_BODY_IN_ERROR = 200;

    public static <T> Answer<T> sent(int status, T value) {
        return new Answer<>(Verdict.SENT, status, null, null, value);
    }

    public static <T> Answer<T> retry(int status, String error, Duration retryAfter) {
        return new Answer<>(Verdict.RETRY, status, error, retryAfter, null);
    }

    public static <T> Answer<T> refused(int status, String error) {
        return new Answer<>(Verdict.FINAL, status, error, null, null);
    }

    /**
     * The usual reading of an HTTP status: 2xx taken; 5xx and 429 may pass, so worth a retry, after
     * the {@code Retry-After} the service sent if any; any other status will not get better by
     * asking again.
     */
    public static <T> Answer<T> ofStatus(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return sent(status, null);
        }
        String error = httpError(status, response.body());
        return status >= 500 || status == 429 ? retry(status, error, retryAfter(response)) : refused(status, error);
    }

    /** {@code HTTP 503: <the body's first 200 characters>}. */
    public static String httpError(int status, String body) {
        String excerpt = excerpt(body);
        return "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
    }

    /** The body stripped, cut to 200 characters and an ellipsis: enough to tell why, never a whole page. */
    public static String excerpt(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() <= MAX_BODY_IN_ERROR ? s : s.substring(0, MAX_BODY_IN_ERROR) + "…";
    }

    /**
     * {@code Retry-After} as a number of seconds, the form Slack and proxies in front of
     * Alertmanager send; null when missing or in another form, and then the policy's backoff applies.
     */
    public static Duration retryAfter(HttpResponse<?> response) {
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
}
