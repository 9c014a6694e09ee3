package dev.redflag.notify.slack;

import dev.redflag.testing.HttpStandIn;
import dev.redflag.testing.HttpStandIn.Received;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Slack on the loopback interface: the sender's retries and its reading of Slack's answers are
 * only believable against real HTTP, with real headers and a real connection to lose. Plays a
 * scripted sequence of answers, one per request (a 500 "unscripted" once the script runs out, or
 * Slack's success answers when started {@link #answeringOk()}), and records every request it gets.
 * Besides messages it serves the file upload flow of bot tokens: {@code files.getUploadURLExternal}
 * answers an upload URL on the stand-in itself ({@code /upload/F000n}) and file id {@code F000n},
 * the upload URL takes the bytes ({@code OK - <length>}, as Slack answers), and
 * {@code files.completeUploadExternal} shares the file.
 */
public final class SlackStandIn implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        public Answer(int status, Map<String, String> headers, String body) {
            this(status, headers, body, Duration.ZERO);
        }

        /** The same answer, given only after {@code wait}: Slack on a bad day. */
        public Answer slowly(Duration wait) {
            return new Answer(status, headers, body, wait);
        }

        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }

        static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), "");
        }

        static Answer webhookOk() {
            return of(200, "ok");
        }

        static Answer apiOk(String ts) {
            return new Answer(200, Map.of("Content-Type", "application/json; charset=utf-8"),
                    "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"" + ts + "\",\"message\":{}}");
        }

        public static Answer apiError(String error) {
            return new Answer(200, Map.of("Content-Type", "application/json; charset=utf-8"),
                    "{\"ok\":false,\"error\":\"" + error + "\"}");
        }
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private boolean answerOk;
    private boolean unavailable;
    private int posted;
    private int files;
    /** Channel or user group id to its members, for conversations.members and usergroups.users.list. */
    private final Map<String, List<String>> members = new java.util.HashMap<>();
    private final HttpStandIn http;

    private SlackStandIn() {
        // a slow answer must not hold up the requests behind it
        this.http = HttpStandIn.start(Executors.newCachedThreadPool(), this::next);
    }

    /**
     * A stand-in that answers every request as Slack does when all is well: {@code ok} for a
     * webhook, and for the bot API a JSON answer with channel {@code C123} and a {@code ts}
     * that counts up from {@code 1700000000.000001} with each {@code chat.postMessage}.
     */
    public static SlackStandIn answeringOk() {
        SlackStandIn standIn = start();
        synchronized (standIn) {
            standIn.answerOk = true;
        }
        return standIn;
    }

    public static SlackStandIn start() {
        return new SlackStandIn();
    }

    public SlackStandIn answer(Answer... answers) {
        synchronized (this) {
            script.addAll(List.of(answers));
        }
        return this;
    }

    /**
     * While {@code down}, every request is answered 503 (Slack in an outage), scripted answers included;
     * the requests are still recorded.
     */
    public synchronized SlackStandIn unavailable(boolean down) {
        unavailable = down;
        return this;
    }

    /**
     * The members of a channel ({@code conversations.members?channel=ID}) or a user group
     * ({@code usergroups.users.list?usergroup=ID}) when answering ok; unknown ids answer Slack's
     * {@code channel_not_found} / {@code no_such_subteam}.
     */
    public synchronized SlackStandIn members(String id, String... users) {
        members.put(id, List.of(users));
        return this;
    }

    /** The requests to one API method, e.g. {@code chat.update}, in the order they came. */
    public List<Received> received(String method) {
        return received().stream().filter(r -> r.path().endsWith("/" + method)).toList();
    }

    public String url(String path) {
        return http.url(path);
    }

    public List<Received> received() {
        return http.received();
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer ok(Received request) {
        String path = request.path();
        int length = request.bytes().length;
        if (path.endsWith("/conversations.members")) {
            return directory(request, "channel", "members", "channel_not_found");
        }
        if (path.endsWith("/usergroups.users.list")) {
            return directory(request, "usergroup", "users", "no_such_subteam");
        }
        if (path.endsWith("/chat.postMessage")) {
            posted++;
            return Answer.apiOk(String.format("1700000000.%06d", posted));
        }
        if (path.endsWith("/chat.update")) {
            return Answer.apiOk("1700000000.000000");
        }
        if (path.endsWith("/files.getUploadURLExternal")) {
            files++;
            String id = String.format("F%04d", files);
            return apiAnswer("{\"ok\":true,\"upload_url\":\"" + url("/upload/" + id) + "\",\"file_id\":\"" + id
                    + "\"}");
        }
        if (path.startsWith("/upload/")) {
            return Answer.of(200, "OK - " + length);
        }
        if (path.endsWith("/files.completeUploadExternal")) {
            return apiAnswer("{\"ok\":true,\"files\":[{\"id\":\"F0001\"}]}");
        }
        return Answer.webhookOk();
    }

    private static Answer apiAnswer(String json) {
        return new Answer(200, Map.of("Content-Type", "application/json; charset=utf-8"), json);
    }

    private Answer directory(Received request, String param, String field, String notFound) {
        String id = null;
        for (String pair : String.valueOf(request.query()).split("&")) {
            if (pair.startsWith(param + "=")) {
                id = java.net.URLDecoder.decode(pair.substring(param.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        List<String> users = members.get(id);
        if (users == null) {
            return Answer.apiError(notFound);
        }
        String list = users.stream().map(u -> "\"" + u + "\"").collect(java.util.stream.Collectors.joining(","));
        return apiAnswer("{\"ok\":true,\"" + field + "\":[" + list + "],\"response_metadata\":{\"next_cursor\":\"\"}}");
    }

    private synchronized HttpStandIn.Pending next(Received request) {
        Answer answer = unavailable ? Answer.of(503, "service unavailable")
                : !script.isEmpty() ? script.poll() : answerOk ? ok(request)
                : Answer.of(500, "unscripted");
        return () -> {
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis()); // the slowness is what is being played
            }
            return new HttpStandIn.Reply(answer.status(), answer.headers(), answer.body());
        };
    }
}
