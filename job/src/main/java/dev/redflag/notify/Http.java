package dev.redflag.notify;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the HTTP integrations (Slack, Alertmanager) do alike: their client, and naming a failed request. */
public final class Http {

    private Http() {
    }

    /** A client that never follows redirects, so a secret in a URL or header cannot travel elsewhere. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code network error: ConnectException: ...}, from the cause under the future's wrappers. */
    public static String networkError(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return "network error: " + cause.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
