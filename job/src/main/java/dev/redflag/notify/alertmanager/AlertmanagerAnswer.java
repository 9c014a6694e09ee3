package dev.redflag.notify.alertmanager;

import dev.redflag.notify.Http;
import java.net.http.HttpResponse;

/**
 * What one attempt's answer means for the next step: 2xx is taken; 5xx, 429 and network errors may
 * pass, so they are worth a retry; any other status (400 for an alert Alertmanager finds invalid,
 * 401, 404 for a wrong path prefix) will not get better by asking again. Alertmanager stores the
 * valid alerts of a post even when it answers 400 for others, so a 400 loses only those. Error
 * texts here are not yet redacted.
 *
 * @param verdict what to do next
 * @param status  HTTP status, {@link Outcome#NO_STATUS} for none
 * @param error   why it failed, null when sent
 */
record AlertmanagerAnswer(Verdict verdict, int status, String error) {

    enum Verdict { SENT, RETRY, FINAL }

    private static final int MAX_BODY_IN_ERROR = 200;

    static AlertmanagerAnswer of(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new AlertmanagerAnswer(Verdict.SENT, status, null);
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (body.length() > MAX_BODY_IN_ERROR) {
            body = body.substring(0, MAX_BODY_IN_ERROR) + "…";
        }
        String error = "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
        Verdict verdict = status >= 500 || status == 429 ? Verdict.RETRY : Verdict.FINAL;
        return new AlertmanagerAnswer(verdict, status, error);
    }

    static AlertmanagerAnswer of(Throwable failure) {
        return new AlertmanagerAnswer(Verdict.RETRY, Outcome.NO_STATUS, Http.networkError(failure));
    }
}
