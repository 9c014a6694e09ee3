package dev.redflag.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redflag.notify.slack.SlackEndpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in a channel ({@code conversations.members}) and in a user group
 * ({@code usergroups.users.list}), asked with the bot token and kept for {@code ttl}, so that a
 * burst of clicks costs Slack one call per channel. A failed call is not cached: the next click
 * asks again.
 */
final class SlackDirectory {

    /** A Slack Web API call that failed; the click is answered as a failure, not a refusal. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private record Cached(Set<String> users, Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 50;

    private final SlackEndpoint endpoint;
    private final HttpClient http;
    private final Clock clock;
    private final Duration ttl;
    private final Duration timeout;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SlackDirectory(SlackEndpoint endpoint, HttpClient http, Clock clock, Duration ttl, Duration timeout) {
        if (endpoint.isWebhook()) {
            throw new IllegalArgumentException("checking channel members needs a bot token (SLACK_BOT_TOKEN), "
                    + "not a webhook");
        }
        this.endpoint = endpoint;
        this.http = http;
        this.clock = clock;
        this.ttl = ttl;
        this.timeout = timeout;
    }

    boolean inChannel(String channelId, String userId) throws Unavailable, InterruptedException {
        return users("conversations.members", "channel", channelId, "members").contains(userId);
    }

    boolean inUserGroup(String groupId, String userId) throws Unavailable, InterruptedException {
        return users("usergroups.users.list", "usergroup", groupId, "users").contains(userId);
    }

    private Set<String> users(String method, String param, String id, String field)
            throws Unavailable, InterruptedException {
        String key = method + " " + id;
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.at().plus(ttl))) {
            return cached.users();
        }
        Set<String> users = new HashSet<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = call(method, param + "=" + enc(id) + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            answer.path(field).forEach(u -> users.add(u.asText()));
            cursor = answer.path("response_metadata").path("next_cursor").asText("");
            if (cursor.isEmpty()) {
                cache.put(key, new Cached(Set.copyOf(users), now));
                return users;
            }
        }
        throw new Unavailable(method + " for " + id + " has more than " + MAX_PAGES + " pages");
    }

    private JsonNode call(String method, String query) throws Unavailable, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.apiBaseUrl() + "/" + method + "?" + query))
                .timeout(timeout)
                .header("Authorization", "Bearer " + endpoint.botToken())
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable(method + " failed: " + endpoint.redact(String.valueOf(e.getMessage())));
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(method + " answered HTTP " + response.statusCode());
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable(method + " answered something other than JSON");
        }
        if (json == null || !json.path("ok").asBoolean(false)) {
            throw new Unavailable(method + " answered " + (json == null ? "nothing" : json.path("error").asText("not ok")));
        }
        return json;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
