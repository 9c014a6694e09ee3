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
    private int posted;
    private int files;
    /** Channel or user group id to its members, for conversations.members and usergroups.users.list. */
    private final Map<String, List<String>> members = new java.util.HashMap<>();
    /** Every request answered so, while Slack is down; null when it is up. */
    private Answer down;
    /** Requests taken while Slack was up: answered by the script or as all is well. */
    private final List<Received> taken = new java.util.ArrayList<>();
    /** Requests received before connections were last refused. */
    private final List<Received> earlier = new java.util.ArrayList<>();
    private final int port;
    private final String base;
    private HttpStandIn http;

    private SlackStandIn() {
        // a slow answer must not hold up the requests behind it
        this.http = HttpStandIn.start(Executors.newCachedThreadPool(), this::next);
        this.port = http.port();
        this.base = http.url("");
    }

    /** Slack down: every request from now on is answered with {@code answer}, e.g. a 500, until {@link #up()}. */
    public synchronized SlackStandIn down(int status, String body) {
        down = Answer.of(status, body);
        return this;
    }

    /** Slack gone: nothing listens on its port, so connections are refused, until {@link #up()}. */
    public void refuseConnections() {
        HttpStandIn closing;
        synchronized (this) {
            closing = http;
            http = null;
            earlier.addAll(closing.received());
        }
        closing.close();
    }

    /** Slack back on its port, answering as before it went down. */
    public void up() throws InterruptedException {
        synchronized (this) {
            down = null;
            if (http != null) {
                return;
            }
        }
        // the port of the closed server may take a moment to be free again
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                HttpStandIn started = HttpStandIn.start(port, Executors.newCachedThreadPool(), this::next);
                synchronized (this) {
                    http = started;
                }
                return;
            } catch (java.io.UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The requests Slack took (answered while it was up), in the order they came. */
    public synchronized List<Received> taken() {
        return List.copyOf(taken);
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
     * While {@code unavailable}, every request is answered 503 (Slack in an outage), scripted answers
     * included, as {@link #down} does; the requests are still recorded.
     */
    public synchronized SlackStandIn unavailable(boolean unavailable) {
        down = unavailable ? Answer.of(503, "service unavailable") : null;
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
        return base + path;
    }

    /** Every request received, taken or not, refused connections aside. */
    public synchronized List<Received> received() {
        List<Received> all = new java.util.ArrayList<>(earlier);
        if (http != null) {
            all.addAll(http.received());
        }
        return all;
    }

    @Override
    public void close() {
        HttpStandIn closing;
        synchronized (this) {
            closing = http;
            http = null;
        }
        if (closing != null) {
            closing.close();
        }
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
        Answer answer = down != null ? down : !script.isEmpty() ? script.poll() : answerOk ? ok(request)
                : Answer.of(500, "unscripted");
        if (down == null) {
            taken.add(request);
        }
        return () -> {
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay().toMillis()); // the slowness is what is being played
            }
            return new HttpStandIn.Reply(answer.status(), answer.headers(), answer.body());
        };
    }
}
