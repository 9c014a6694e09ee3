package dev.redflag.cli;

import dev.redflag.actions.ActionService;
import dev.redflag.actions.SigningSecret;
import dev.redflag.config.JobConfig;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.slack.SlackEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code redflag slack-actions}: the service behind the buttons of Slack alert messages, in the
 * foreground until SIGTERM (Ctrl-C). Its secrets come from the environment only, never from
 * options, so that they stay out of process listings and shell history.
 */
@Command(name = "slack-actions", mixinStandardHelpOptions = true,
        description = "Answer the buttons of Slack alert messages (Slack's interactivity requests): acknowledge, "
                + "snooze, real problem, false alarm.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C",
            "2:usage error, bad config or routing file, a missing secret, or a port in use"})
public final class SlackActionsCommand implements Callable<Integer> {

    static final String DEFAULT_FEEDBACK_TOPIC = "redflag-feedback";

    /** How long the broker may take to acknowledge a record, within Slack's 3 seconds. */
    static final Duration BROKER_WAIT = Duration.ofSeconds(2);

    /** How long channel and user group members are cached. */
    static final Duration DIRECTORY_TTL = Duration.ofMinutes(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config: Kafka servers and client properties, the rules topic, the routing file")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: the config's kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--feedback-topic", paramLabel = "TOPIC", defaultValue = DEFAULT_FEEDBACK_TOPIC,
            description = "where feedback records go (default: ${DEFAULT-VALUE})")
    String feedbackTopic;

    @Option(names = "--silences", paramLabel = "FILE", defaultValue = SilenceFileOptions.DEFAULT_FILE,
            description = "the silences file a snooze adds to and publishes (default: ${DEFAULT-VALUE})")
    Path silences;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "3000", description = "port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "262144",
            description = "largest request body taken; larger ones are refused with 413 (default: ${DEFAULT-VALUE})")
    int maxBody;

    /** The environment; tests give their own. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        ActionService service = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "redflag-slack-actions-stop"));
        stopped.await();
        return 0;
    }

    /** The service, listening; what {@link #call()} runs until it is stopped. */
    ActionService start() {
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config);
        if (bootstrapServers != null) {
            jobConfig = jobConfig.withKafkaBootstrap(bootstrapServers);
        }
        RouteTree routes = JobConfigs.routes(jobConfig);
        if (routes == null) {
            throw new UserError("slack-actions needs the routing file (notify.routes, default "
                    + JobConfigs.DEFAULT_ROUTES + "): it says which channel may act on which receiver's alerts");
        }
        Path dir = silences.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UserError("--silences: no directory " + dir);
        }
        String secret;
        SlackEndpoint bot;
        try {
            secret = SigningSecret.fromEnvironment(env).orElseThrow(() -> new UserError("set "
                    + SigningSecret.VARIABLE + " or " + SigningSecret.FILE_VARIABLE
                    + " to the Slack app's signing secret (Basic Information, App Credentials)"));
            Optional<SlackEndpoint> endpoint = SlackEndpoint.fromEnvironment(env);
            if (endpoint.isEmpty() || endpoint.get().isWebhook()) {
                throw new UserError("set SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE: slack-actions reads channel "
                        + "members and edits messages with the bot token");
            }
            bot = endpoint.get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserError("Slack: " + e.getMessage());
        }
        ActionService.Settings settings = new ActionService.Settings(jobConfig.kafka().bootstrapServers(),
                jobConfig.kafka().clientProperties(), feedbackTopic, jobConfig.kafka().rulesTopic(), silences,
                routes.receivers(), maxBody, BROKER_WAIT, DIRECTORY_TTL);
        ActionService service;
        try {
            service = ActionService.create(settings, secret, bot, Clock.systemUTC()).start(host, port);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserError("slack-actions: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("slack-actions listening on http://%s:%d%s; feedback to %s, snoozes to %s published to %s%n",
                host, service.port(), ActionService.ACTIONS_PATH, feedbackTopic, silences,
                jobConfig.kafka().rulesTopic());
        out.flush();
        return service;
    }
}
