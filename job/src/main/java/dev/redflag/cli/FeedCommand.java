package dev.redflag.cli;

import dev.redflag.yaml.Durations;
import dev.redflag.config.JobConfig;
import dev.redflag.config.KafkaConfig;
import dev.redflag.pipeline.KafkaTopicsCheck;
import dev.redflag.demo.DemoFeed;
import dev.redflag.demo.Incident;
import dev.redflag.demo.Incidents;
import dev.redflag.demo.Pacer;
import dev.redflag.demo.TrafficGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code redflag feed}: the demo's traffic generator on its own, for a job that runs elsewhere (the
 * local stack's Flink cluster): realistic events with the scripted incidents, replayed fast from
 * {@code --replay} ago and then in real time, sent to the job's events topic until stopped.
 */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = "Send generated traffic with scripted incidents to a running job's events topic, as the demo does.")
public final class FeedCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job config: Kafka servers, client properties and the events topic (the first one)")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: the config's kafka.bootstrap-servers)")
    String bootstrapServers;

    @Option(names = "--speed", defaultValue = "360",
            description = "simulated seconds per real second while replaying the incidents (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--warm-up-speed", defaultValue = "2880", paramLabel = "N",
            description = "simulated seconds per real second while replaying the quiet first day (default: ${DEFAULT-VALUE})")
    double warmUpSpeed;

    @Option(names = "--replay", paramLabel = "DURATION",
            description = "start the simulated clock this far in the past (default: the whole hour 39 to 40 hours "
                    + "back, so every incident replays; 0s: real time only)")
    String replay;

    @Option(names = "--seed", defaultValue = "42", description = "traffic seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until stopped)")
    String duration;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config, JobConfigs.env(spec));
        KafkaConfig kafka = bootstrapServers != null ? jobConfig.kafka().withBootstrapServers(bootstrapServers)
                : jobConfig.kafka();
        String brokers = kafka.bootstrapServers();
        String topic = kafka.eventTopics().get(0);
        Duration lookback = replay == null ? null : Durations.parse(replay);
        Duration runFor = duration == null ? null : Durations.parse(duration);
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new UserError("--speed must be a positive number, got " + speed);
        }
        if (!(warmUpSpeed > 0) || Double.isInfinite(warmUpSpeed)) {
            throw new UserError("--warm-up-speed must be a positive number, got " + warmUpSpeed);
        }
        JobConfigs.requireTopics(kafka, KafkaTopicsCheck.feedUses(kafka));
        Instant now = Instant.now();
        Instant start = lookback == null ? Incidents.replayStart(now) : Pacer.startBehind(now, lookback);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "redflag feed: %s on %s, replaying from %s UTC: first a quiet baseline day at %.0fx, "
                + "then the incidents at %.0fx, then real time%n", topic, brokers, TIME.format(start), warmUpSpeed, speed);
        out.println("  incidents (from the replay start):");
        for (Incident incident : Incidents.scripted()) {
            out.println("    " + incident.describe());
        }
        out.flush();
        TrafficGenerator generator = new TrafficGenerator(Incidents.traffic(start), Incidents.scripted(), seed, start);
        CountDownLatch stopped = new CountDownLatch(1);
        DemoFeed feed = new DemoFeed(generator,
                new Pacer(speed, Incidents.QUIET_DAY, warmUpSpeed, start, now), kafka.clientProperties(), topic,
                Clock.systemUTC()).start();
        Thread hook = new Thread(() -> {
            stopped.countDown();
            closeQuietly(feed);
        }, "redflag-feed-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        while (System.nanoTime() < deadline && !stopped.await(Math.min(60_000,
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)) {
            out.printf("sent %d events, simulated clock at %s%n", feed.sent(), TIME.format(feed.simulatedNow()));
            out.flush();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            return 0; // the hook stops the feed
        }
        feed.close();
        out.printf("feed stopped: %d events sent, simulated clock at %s%n", feed.sent(), TIME.format(feed.simulatedNow()));
        out.flush();
        return 0;
    }

    private static void closeQuietly(DemoFeed feed) {
        try {
            feed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
