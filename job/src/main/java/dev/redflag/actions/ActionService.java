package dev.redflag.actions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.redflag.alert.feedback.Feedback;
import dev.redflag.notify.route.Receiver;
import dev.redflag.notify.route.Silence;
import dev.redflag.notify.slack.ActionStatus;
import dev.redflag.notify.slack.AlertAction;
import dev.redflag.notify.slack.SlackEndpoint;
import dev.redflag.notify.slack.SlackSender;
import dev.redflag.rules.RulesPublisher;
import dev.redflag.notify.slack.SlackText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code redflag slack-actions}: the HTTP endpoint of a Slack app's interactivity, where the
 * buttons of alert messages land. Each request is checked in the order that costs an attacker the
 * most and the service the least: size, signature and age, replay, then the payload, the action,
 * and who clicked (a member of the receiver's channel; for a snooze, of one of its user groups when
 * it names some). Only then does it act: a snooze adds and publishes a silence, every action writes
 * a feedback record, and the message is edited in place through the job's Slack sender. Slack waits
 * 3 seconds for an answer, so each slow step waits at most {@code wait} and the edit is not waited
 * for at all.
 *
 * <p>Endpoints: {@code POST /slack/actions}, {@code GET /metrics} (Prometheus text), {@code GET /healthz}.
 */
public final class ActionService implements AutoCloseable {

    public static final String ACTIONS_PATH = "/slack/actions";

    private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);
    private static final Pattern SLACK_ID = Pattern.compile("[A-Z0-9]{2,}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    /** What the service acts with. */
    record Parts(SlackSignature signature, FeedbackTopic feedback, Snoozer snoozer, SlackDirectory directory,
                 SlackSender sender, Map<String, Receiver> receivers) {
    }

    /**
     * What the service is set up with; secrets apart.
     *
     * @param kafkaProperties extra Kafka client properties, as the job config's {@code kafka.properties}
     * @param rulesTopic      the job's rules topic, where snoozes publish the silences file
     * @param receivers       the routing file's receivers, for their channels, time zones and user groups
     * @param maxBody         the largest request body taken, in bytes
     * @param brokerWait      how long the broker may take to acknowledge a record
     * @param directoryTtl    how long channel and user group members are cached
     */
    public record Settings(String bootstrapServers, Map<String, String> kafkaProperties, String feedbackTopic,
                           String rulesTopic, Path silencesFile, Map<String, Receiver> receivers, int maxBody,
                           Duration brokerWait, Duration directoryTtl) {

        public Settings {
            kafkaProperties = Map.copyOf(kafkaProperties);
            receivers = Map.copyOf(receivers);
            if (maxBody < 1024) {
                throw new IllegalArgumentException("the body limit must be at least 1024 bytes: " + maxBody);
            }
        }
    }

    /** How many request signatures are remembered against replays. */
    static final int REPLAY_CAPACITY = 10_000;

    /**
     * A service, not yet listening, with its own Kafka producers and HTTP client.
     *
     * @param bot the bot endpoint ({@code SLACK_BOT_TOKEN}) that reads channel members and edits messages
     */
    public static ActionService create(Settings settings, String signingSecret, SlackEndpoint bot, Clock clock) {
        FeedbackTopic feedback = new FeedbackTopic(settings.bootstrapServers(), settings.feedbackTopic(),
                settings.kafkaProperties(), settings.brokerWait());
        Snoozer snoozer = new Snoozer(settings.silencesFile(), new RulesPublisher(settings.bootstrapServers(),
                settings.rulesTopic(), settings.kafkaProperties()));
        SlackDirectory directory = new SlackDirectory(bot, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1)).build(), clock, settings.directoryTtl(), Duration.ofSeconds(1));
        Parts parts = new Parts(new SlackSignature(signingSecret), feedback, snoozer, directory,
                SlackSender.create(bot), settings.receivers());
        return new ActionService(parts, clock, settings.maxBody(), settings.brokerWait(), REPLAY_CAPACITY);
    }

    private final Parts parts;
    private final Clock clock;
    private final int maxBody;
    private final Duration wait;
    private final ReplayGuard replays;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Map<UserAction, Counter> actions = new EnumMap<>(UserAction.class);
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("redflag-slack-actions"));
    private final ExecutorService slowSteps = Executors.newFixedThreadPool(2, daemon("redflag-slack-actions-io"));
    private HttpServer server;

    ActionService(Parts parts, Clock clock, int maxBody, Duration wait, int replayCapacity) {
        this.parts = parts;
        this.clock = clock;
        this.maxBody = maxBody;
        this.wait = wait;
        this.replays = new ReplayGuard(replayCapacity, SlackSignature.MAX_AGE);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, Counter.builder("redflag.slack.actions").description("requests to the actions endpoint")
                    .tag("outcome", o.label()).register(registry));
        }
        for (UserAction a : UserAction.values()) {
            actions.put(a, Counter.builder("redflag.slack.feedback").description("feedback records written")
                    .tag("action", a.recorded()).register(registry));
        }
    }

    /** Listens on {@code host:port} (0 for any free port). */
    public ActionService start(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The Prometheus text of the service's counters. */
    public String scrape() {
        return registry.scrape();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/healthz") && method.equals("GET")) {
                reply(exchange, 200, "ok\n");
            } else if (path.equals("/metrics") && method.equals("GET")) {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                reply(exchange, 200, registry.scrape());
            } else if (!path.equals(ACTIONS_PATH)) {
                reply(exchange, 404, "");
            } else if (!method.equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                reply(exchange, 405, "");
            } else {
                Outcome outcome;
                try {
                    outcome = act(exchange);
                } catch (RuntimeException e) {
                    LOG.error("Slack action failed unexpectedly", e);
                    outcome = Outcome.FAILED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome = Outcome.FAILED;
                }
                outcomes.get(outcome).increment();
                reply(exchange, outcome.status(), "");
            }
        }
    }

    private Outcome act(HttpExchange exchange) throws IOException, InterruptedException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && tooLong(length)) {
            return Outcome.TOO_LARGE;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(maxBody + 1);
        }
        if (body.length > maxBody) {
            return Outcome.TOO_LARGE;
        }
        Instant now = clock.instant();
        String timestamp = exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Slack-Signature");
        switch (parts.signature().check(timestamp, signature, body, now)) {
            case MISSING, FORGED -> {
                return Outcome.BAD_SIGNATURE;
            }
            case STALE -> {
                return Outcome.STALE;
            }
            case VALID -> {
            }
        }
        if (!replays.firstTime(signature.strip(), Instant.ofEpochSecond(Long.parseLong(timestamp.strip())), now)) {
            return Outcome.REPLAYED;
        }
        BlockAction click;
        try {
            click = BlockAction.fromForm(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            LOG.info("Slack action refused, malformed payload: {}", e.getMessage());
            return Outcome.MALFORMED;
        }
        Optional<UserAction> asked = UserAction.of(click.actionId());
        if (asked.isEmpty()) {
            LOG.info("Slack action refused, unknown action {}", click.actionId());
            return Outcome.UNKNOWN_ACTION;
        }
        UserAction action = asked.get();
        AlertAction alert;
        try {
            alert = AlertAction.parse(action == UserAction.SNOOZE && click.blockId() != null
                    ? click.elementValue(click.blockId(), AlertAction.ACKNOWLEDGE) : click.value());
        } catch (IllegalArgumentException e) {
            LOG.info("Slack action refused, no alert in it: {}", e.getMessage());
            return Outcome.MALFORMED;
        }
        Receiver receiver = parts.receivers().get(alert.receiver());
        if (receiver == null || receiver.slack() == null || !sameChannel(receiver.slack().channel(), click)) {
            LOG.info("Slack action refused: receiver {} does not post to channel {}", alert.receiver(),
                    click.channelId());
            return Outcome.FORBIDDEN;
        }
        ZoneId zone = receiver.slack().timeZone();
        Instant until = null;
        if (action == UserAction.SNOOZE) {
            Optional<Instant> end = SnoozeLength.until(click.selectedOption(), now, zone);
            if (end.isEmpty()) {
                return Outcome.UNKNOWN_ACTION;
            }
            until = end.get();
        }
        try {
            if (!parts.directory().inChannel(click.channelId(), click.userId())) {
                LOG.info("Slack action refused: {} is not a member of {}", click.userId(), click.channelId());
                return Outcome.FORBIDDEN;
            }
            if (action == UserAction.SNOOZE && !maySnooze(receiver, click.userId())) {
                LOG.info("Slack snooze refused: {} is in none of the user groups of {}", click.userId(),
                        receiver.name());
                return Outcome.FORBIDDEN;
            }
        } catch (SlackDirectory.Unavailable e) {
            LOG.warn("Slack action not taken, Slack's directory did not answer: {}", e.getMessage());
            return Outcome.FAILED;
        }
        String by = click.userName() != null ? click.userName() : click.userId();
        String silenceId = null;
        if (until != null) {
            Instant end = until;
            try {
                Silence silence = slowly(() -> parts.snoozer().snooze(alert, end, by, now));
                silenceId = silence.id();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Slack snooze not taken, the silence was not published: {}", String.valueOf(e.getCause()));
                return Outcome.FAILED;
            }
        }
        Feedback feedback = new Feedback(action.feedback(), click.userId(), click.userName(), alert.fingerprint(),
                Instant.ofEpochMilli(alert.startsAt()), alert.ruleId(), alert.alertname(), alert.labels(),
                alert.receiver(), alert.groupKey(), until, silenceId, now);
        try {
            parts.feedback().write(feedback);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Slack action not recorded, the feedback topic did not take it: {}", String.valueOf(e.getCause()));
            return Outcome.FAILED;
        }
        actions.get(action).increment();
        LOG.info("Slack action {} on alert {} by {}", action.recorded(), alert.fingerprint(), click.userId());
        updateMessage(click, alert, status(action, click, now, until, zone));
        return Outcome.ACCEPTED;
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBody;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean maySnooze(Receiver receiver, String userId) throws SlackDirectory.Unavailable, InterruptedException {
        if (receiver.slack().snoozeUserGroups().isEmpty()) {
            return true;
        }
        for (String group : receiver.slack().snoozeUserGroups()) {
            if (parts.directory().inUserGroup(group, userId)) {
                return true;
            }
        }
        return false;
    }

    /** A receiver names its channel as {@code #name}, {@code name} or by id; Slack sends both id and name. */
    static boolean sameChannel(String configured, BlockAction click) {
        String c = configured.strip();
        if (c.equals(click.channelId())) {
            return true;
        }
        String name = c.startsWith("#") ? c.substring(1) : c;
        return name.equals(click.channelName());
    }

    /** The status line, e.g. "Acknowledged by <@U0123> at 10:42", times in the receiver's zone. */
    static String status(UserAction action, BlockAction click, Instant now, Instant until, ZoneId zone) {
        String who = click.userId() != null && SLACK_ID.matcher(click.userId()).matches()
                ? "<@" + click.userId() + ">" : SlackText.escape(click.userName());
        return switch (action) {
            case ACKNOWLEDGE -> "Acknowledged by " + who + " at " + TIME.format(now.atZone(zone));
            case SNOOZE -> "Snoozed until " + when(until, now, zone) + " by " + who;
            case REAL_PROBLEM -> "Marked real problem by " + who;
            case FALSE_ALARM -> "Marked false alarm by " + who;
        };
    }

    private static String when(Instant until, Instant now, ZoneId zone) {
        ZonedDateTime end = until.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        return end.toLocalDate().equals(today) ? TIME.format(end) : DAY_TIME.format(end);
    }

    private void updateMessage(BlockAction click, AlertAction alert, String status) {
        try {
            parts.sender().update(ActionStatus.of(click.channelId(), click.messageText(), click.blocksJson(),
                            alert.fingerprint(), status), click.channelId(), click.messageTs())
                    .thenAccept(outcome -> {
                        if (!outcome.sent()) {
                            LOG.warn("Slack message {} not updated: {}", click.messageTs(), outcome.error());
                        }
                    });
        } catch (IllegalArgumentException e) {
            LOG.warn("Slack message {} not updated: {}", click.messageTs(), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T slowly(Step<T> step) throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return step.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, slowSteps);
        return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        handlers.shutdownNow();
        slowSteps.shutdownNow();
        parts.feedback().close();
        parts.snoozer().close();
    }
}
