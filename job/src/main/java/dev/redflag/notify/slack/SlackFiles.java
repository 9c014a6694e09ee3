package dev.redflag.notify.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.redflag.notify.delivery.Answer;
import dev.redflag.notify.delivery.HttpDelivery;
import dev.redflag.notify.delivery.Outcome;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Shares a file in a channel with Slack's upload flow for bot tokens: {@code files.getUploadURLExternal}
 * (file name and length, form-encoded) answers an upload URL and a file id; the bytes go to that
 * URL as they are, without the token (the URL is its own authorisation, and the token stays with
 * Slack's API host); {@code files.completeUploadExternal} (JSON: the file's id and title, the
 * channel id, and the thread to reply in) shares it. Each step goes through the shared
 * {@link HttpDelivery}, so each is retried as a message would be; the returned future never
 * completes exceptionally, and a failure names the step that failed.
 */
public final class SlackFiles {

    /** What {@code files.getUploadURLExternal} answers. */
    record UploadUrl(String url, String fileId) {
    }

    /**
     * One file to share.
     *
     * @param filename e.g. {@code chart.png}
     * @param title    shown above the file in Slack
     * @param altText  read out by screen readers
     */
    public record File(String filename, String title, String altText, byte[] bytes) {
        public File {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private final SlackEndpoint endpoint;
    private final HttpDelivery delivery;

    public SlackFiles(SlackEndpoint endpoint, HttpDelivery delivery) {
        if (endpoint.isWebhook()) {
            throw new IllegalArgumentException("uploading files needs a bot token; a webhook cannot");
        }
        this.endpoint = endpoint;
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * Uploads {@code file} and shares it in channel {@code channelId}, as a reply in the thread of
     * {@code threadTs} (a top-level message's ts), or at the channel's top when null.
     *
     * @return the file id once shared
     */
    public CompletableFuture<Outcome<String>> share(File file, String channelId, String threadTs) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(channelId, "channelId");
        return uploadUrl(file).thenCompose(url -> {
            if (!url.sent()) {
                return CompletableFuture.completedFuture(failed(url, "files.getUploadURLExternal"));
            }
            UnaryOperator<String> redact = text -> endpoint.redact(text).replace(url.value().url(), "<upload_url>");
            return upload(file, url.value().url(), redact).thenCompose(sent -> {
                if (!sent.sent()) {
                    return CompletableFuture.completedFuture(failed(sent, "upload"));
                }
                return complete(url.value().fileId(), file.title(), channelId, threadTs)
                        .thenApply(done -> done.sent() ? done : failed(done, "files.completeUploadExternal"));
            });
        });
    }

    private CompletableFuture<Outcome<UploadUrl>> uploadUrl(File file) {
        StringBuilder form = new StringBuilder()
                .append("filename=").append(encode(file.filename()))
                .append("&length=").append(file.bytes().length);
        if (file.altText() != null) {
            form.append("&alt_txt=").append(encode(file.altText()));
        }
        return delivery.send("Slack files.getUploadURLExternal to " + endpoint,
                () -> authorized(delivery.post(api("files.getUploadURLExternal"),
                        "application/x-www-form-urlencoded", form.toString())),
                response -> SlackAnswer.ofApi(response, json -> {
                    String url = SlackAnswer.string(json, "upload_url");
                    String id = SlackAnswer.string(json, "file_id");
                    return url != null && id != null && WebUrl.isHttp(url) ? new UploadUrl(url, id) : null;
                }), endpoint::redact);
    }

    private CompletableFuture<Outcome<Void>> upload(File file, String url, UnaryOperator<String> redact) {
        return delivery.send("Slack file upload", () -> HttpRequest.newBuilder(URI.create(url))
                        .timeout(HttpDelivery.REQUEST_TIMEOUT)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(file.bytes()))
                        .build(),
                Answer::ofStatus, redact);
    }

    private CompletableFuture<Outcome<String>> complete(String fileId, String title, String channelId,
                                                        String threadTs) {
        JsonObject f = new JsonObject();
        f.addProperty("id", fileId);
        if (title != null) {
            f.addProperty("title", title);
        }
        JsonArray files = new JsonArray();
        files.add(f);
        JsonObject body = new JsonObject();
        body.add("files", files);
        body.addProperty("channel_id", channelId);
        if (threadTs != null) {
            body.addProperty("thread_ts", threadTs);
        }
        String json = SlackJson.GSON.toJson(body);
        return delivery.send("Slack files.completeUploadExternal to " + endpoint,
                () -> authorized(delivery.post(api("files.completeUploadExternal"),
                        "application/json; charset=utf-8", json)),
                response -> SlackAnswer.ofApi(response, ok -> fileId), endpoint::redact);
    }

    private HttpRequest authorized(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + endpoint.botToken()).build();
    }

    private URI api(String method) {
        return URI.create(endpoint.apiBaseUrl() + "/" + method);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The same failure as a failed share, the step named. */
    private static <T> Outcome<String> failed(Outcome<T> step, String name) {
        return new Outcome<>(Outcome.Result.FAILED, step.attempts(), step.lastStatus(), name + ": " + step.error(),
                null, step.latency(), step.retryable());
    }

    @Override
    public String toString() {
        return "SlackFiles[" + endpoint + "]";
    }
}
