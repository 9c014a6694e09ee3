package dev.redflag.notify.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The one way a receiver (Slack, Alertmanager) gets a request to its service, Alertmanager's retry
 * stage for this job: attempts bounded by a {@link RetryPolicy}, exponential backoff spread by
 * jitter, a {@code Retry-After} the service sent waited exactly, a timeout on every attempt. It
 * never blocks the caller, a sink writer whose task thread must keep taking notifications while a
 * service is slow or down: requests go out on the HTTP client's threads and waits go through a
 * {@link Sleeper}, which also lets tests check the exact waits without spending them. Every attempt
 * sends the same request. The returned future never completes exceptionally: a failure is an
 * {@link Outcome} FAILED whose error, like every log line here, went through the receiver's
 * redaction, so that a webhook URL or token never shows.
 *
 * <p>The receiver supplies what differs: the request, how to read its service's answers
 * ({@link Answer}), and what its secrets look like.
 */
public final class HttpDelivery {

    /** How long one request may take, connecting included, unless a receiver says otherwise. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);

    private final HttpClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Duration requestTimeout;

    /**
     * @param random         draws the jitter; used from the HTTP client's threads, so it must be
     *                       thread-safe, as {@link Random} is
     * @param requestTimeout how long one attempt may wait for its answer before it counts as a network error
     */
    public HttpDelivery(HttpClient client, RetryPolicy policy, Sleeper sleeper, RandomGenerator random,
                        Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** A delivery with its own HTTP client, real waits and real randomness. */
    public static HttpDelivery create(RetryPolicy policy) {
        return new HttpDelivery(client(REQUEST_TIMEOUT), policy, Sleeper.system(), new Random(), REQUEST_TIMEOUT);
    }

    /** A client that never follows redirects, so a secret in a URL or header cannot travel elsewhere. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A POST of {@code body} as {@code contentType}, with this delivery's timeout; the receiver adds its headers. */
    public HttpRequest.Builder post(URI uri, String contentType, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /**
     * Sends the request until its service takes it, refuses it for good, or the policy runs out.
     *
     * @param what    names the delivery in log lines, e.g. {@code Slack message to <endpoint>}; no secrets
     * @param request builds the request once; a failure to build is a FAILED outcome
     * @param reader  what an HTTP answer means; network errors and timeouts are retried without it
     * @param redact  masks the receiver's secrets in error texts
     */
    public <T> CompletableFuture<Outcome<T>> send(String what, Supplier<HttpRequest> request,
                                                  Function<HttpResponse<String>, Answer<T>> reader,
                                                  UnaryOperator<String> redact) {
        long start = System.nanoTime();
        HttpRequest built;
        try {
            built = request.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(1, Outcome.NO_STATUS,
                    "cannot build request: " + e.getClass().getSimpleName(), false, start));
        }
        Attempts<T> attempts = new Attempts<>(what, built, reader, redact, start);
        return attempts.attempt(1).exceptionally(e -> failed(1, Outcome.NO_STATUS,
                redact.apply("internal error: " + e), false, start));
    }

    /** {@code network error: ConnectException: ...}, from the cause under the future's wrappers. */
    static String networkError(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return "network error: " + cause.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The attempts of one delivery. */
    private final class Attempts<T> {
        private final String what;
        private final HttpRequest request;
        private final Function<HttpResponse<String>, Answer<T>> reader;
        private final UnaryOperator<String> redact;
        private final long start;

        Attempts(String what, HttpRequest request, Function<HttpResponse<String>, Answer<T>> reader,
                 UnaryOperator<String> redact, long start) {
            this.what = what;
            this.request = request;
            this.reader = reader;
            this.redact = redact;
            this.start = start;
        }

        CompletableFuture<Outcome<T>> attempt(int attempt) {
            CompletableFuture<HttpResponse<String>> response;
            try {
                response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                response = CompletableFuture.failedFuture(e);
            }
            return response
                    .handle((r, e) -> e == null ? reader.apply(r)
                            : Answer.<T>retry(Outcome.NO_STATUS, networkError(e), null))
                    .thenCompose(answer -> next(attempt, answer));
        }

        private CompletableFuture<Outcome<T>> next(int attempt, Answer<T> answer) {
            String error = answer.error() == null ? null : redact.apply(answer.error());
            switch (answer.verdict()) {
                case SENT:
                    return CompletableFuture.completedFuture(new Outcome<>(Outcome.Result.SENT, attempt,
                            answer.status(), null, answer.value(), since(start), false));
                case FINAL:
                    LOG.warn("{} failed for good after {} attempt(s): {}", what, attempt, error);
                    return CompletableFuture.completedFuture(failed(attempt, answer.status(), error, false, start));
                default:
                    if (attempt >= policy.maxAttempts()) {
                        LOG.warn("{} failed after {} attempt(s): {}", what, attempt, error);
                        return CompletableFuture.completedFuture(failed(attempt, answer.status(), error, true, start));
                    }
                    Duration wait = answer.retryAfter() != null ? answer.retryAfter()
                            : policy.backoff(attempt, random);
                    LOG.info("{} failed (attempt {}): {}; retrying in {}", what, attempt, error, wait);
                    return sleeper.sleep(wait).toCompletableFuture().thenCompose(ignored -> attempt(attempt + 1));
            }
        }
    }

    private static <T> Outcome<T> failed(int attempts, int status, String error, boolean retryable, long start) {
        return new Outcome<>(Outcome.Result.FAILED, attempts, status, error, null, since(start), retryable);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return "HttpDelivery[" + policy + ", timeout " + requestTimeout + "]";
    }
}
