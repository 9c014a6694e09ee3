package dev.redflag.cli;

import dev.redflag.config.JobConfigLoader;
import dev.redflag.config.KafkaConfig;
import dev.redflag.demo.KafkaBroker;
import dev.redflag.pipeline.KafkaTopicsCheck;
import dev.redflag.testing.Await;
import dev.redflag.testing.Topics;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secured Kafka end to end: a broker in this JVM with a SASL_SSL listener (SCRAM-SHA-512, a
 * self-signed certificate made here with the JDK's keytool) and ACLs (Kafka's StandardAuthorizer),
 * and the commands with credentials from their environment. {@code redflag run} (on a Flink mini
 * cluster), {@code rules push}, {@code silence push} and {@code feed} work as the user
 * {@code redflag}; without credentials, with a wrong password, or as {@code reader-only} (no Write
 * on the alerts, rules and events topics) each stops at start with the message that says what to
 * set. The passwords are in no log line, no command output and no answer of Flink's REST API.
 */
class SecuredKafkaIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String HOST = "127.0.0.1";
    private static final String PASSWORD = "sasl-" + UUID.randomUUID();
    private static final String READER_PASSWORD = "reader-" + UUID.randomUUID();
    private static final String TRUSTSTORE_PASSWORD = "trust-" + UUID.randomUUID();
    private static final String KEYSTORE_PASSWORD = "keys-" + UUID.randomUUID();
    private static final String EVENTS = "sec.events";
    private static final String DEAD_LETTERS = "sec.dead-letters";
    private static final String KPIS = "sec.kpis";
    private static final String RULES = "sec.rules";
    private static final String ALERTS = "sec.alerts";
    private static final String FEEDBACK = "sec.feedback";
    private static final String SASL_USER = "user '%s' (SCRAM-SHA-512 over SASL_SSL)";

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static String internal;
    private static String external;
    private static Path truststore;
    private static Path config;
    private static Path rulesDir;
    private static Path silences;
    private static final Capture LOGS = new Capture();
    /** Everything the commands printed, and exceptions seen here, searched for the passwords at the end. */
    private static final List<String> PRINTED = new ArrayList<>();

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        LOGS.attach();
        int internalPort = freePort();
        int externalPort = freePort();
        int controllerPort = freePort();
        internal = HOST + ":" + internalPort;
        external = HOST + ":" + externalPort;
        Path keystore = dir.resolve("broker.p12");
        truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "3", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
        Path certificate = dir.resolve("broker.pem");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", TRUSTSTORE_PASSWORD);

        Path data = dir.resolve("kafka");
        Properties p = KafkaBroker.settings(HOST, internalPort, controllerPort, data);
        p.setProperty("listeners", "INTERNAL://" + internal + ",EXTERNAL://" + external
                + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "INTERNAL://" + internal + ",EXTERNAL://" + external);
        p.setProperty("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "INTERNAL");
        p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.setProperty("listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.location", keystore.toString());
        p.setProperty("ssl.keystore.password", KEYSTORE_PASSWORD);
        p.setProperty("ssl.key.password", KEYSTORE_PASSWORD);
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the internal and controller listeners (plain, this test's own admin) are the broker itself
        p.setProperty("super.users", "User:ANONYMOUS");
        broker = KafkaBroker.start(p, data, external);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internal))) {
            admin.createTopics(List.of(new NewTopic(EVENTS, 1, (short) 1), new NewTopic(DEAD_LETTERS, 1, (short) 1),
                    new NewTopic(KPIS, 1, (short) 1), new NewTopic(ALERTS, 1, (short) 1),
                    new NewTopic(FEEDBACK, 1, (short) 1),
                    new NewTopic(RULES, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
            admin.alterUserScramCredentials(List.of(
                    new UserScramCredentialUpsertion("redflag",
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD),
                    new UserScramCredentialUpsertion("reader-only",
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), READER_PASSWORD))).all().get();
            admin.createAcls(List.of(
                    allow("redflag", ResourceType.TOPIC, "sec.", PatternType.PREFIXED, AclOperation.READ),
                    allow("redflag", ResourceType.TOPIC, "sec.", PatternType.PREFIXED, AclOperation.WRITE),
                    allow("redflag", ResourceType.GROUP, "sec-", PatternType.PREFIXED, AclOperation.READ),
                    allow("reader-only", ResourceType.TOPIC, "sec.", PatternType.PREFIXED, AclOperation.READ),
                    allow("reader-only", ResourceType.TOPIC, DEAD_LETTERS, PatternType.LITERAL, AclOperation.WRITE),
                    allow("reader-only", ResourceType.TOPIC, KPIS, PatternType.LITERAL, AclOperation.WRITE),
                    allow("reader-only", ResourceType.GROUP, "sec-", PatternType.PREFIXED, AclOperation.READ)))
                    .all().get();
        }

        config = dir.resolve("job.yaml");
        Files.writeString(config, """
                kafka:
                  bootstrap-servers: %s
                  group-id: sec-job
                  start-from: earliest
                  topics: {events: [%s], dead-letters: %s, kpis: %s, rules: %s, alerts: %s, feedback: %s}
                event-time: {max-out-of-orderness: 1s, idleness: 1s}
                state: {backend: hashmap, checkpoint-interval: off}
                metrics: {port: 0, flink-reporter-port: 0}
                parallelism: 1
                """.formatted(external, EVENTS, DEAD_LETTERS, KPIS, RULES, ALERTS, FEEDBACK));
        rulesDir = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rulesDir.resolve("web.yaml"), """
                groups:
                  - name: web
                    rules:
                      - {alert: BounceHigh, kpi: bounce_rate, when: {above: 0.9}, severity: warning}
                """);
        silences = dir.resolve("silences.yaml");
        CliRun add = CliRun.run("silence", "add", "-m", "alertname=\"BounceHigh\"", "--duration", "2h",
                "--author", "alice", "--comment", "secured", "--file", silences.toString());
        assertThat(add.exit()).as(add.err()).isZero();

        // SCRAM credentials and ACLs reach the broker through the metadata log, a moment after they are accepted
        KafkaConfig kafka = JobConfigLoader.load(config, env("redflag", PASSWORD)).kafka();
        Await.until(Duration.ofSeconds(60), () -> problems(kafka), List::isEmpty);
    }

    @AfterAll
    static void stopAndSearchForThePasswords() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            LOGS.detach();
        }
        String logs = LOGS.text();
        // the capture saw the clients' settings, so a password in them would have been seen too
        assertThat(logs).contains("sasl.jaas.config = [hidden]", "security.protocol = SASL_SSL");
        for (String secret : List.of(PASSWORD, READER_PASSWORD, TRUSTSTORE_PASSWORD)) {
            assertThat(logs).as("captured logs").doesNotContain(secret);
            assertThat(PRINTED).as("command output, exceptions and REST answers")
                    .noneMatch(text -> text.contains(secret));
        }
    }

    @Test
    void theJobRulesPushSilencePushAndTheFeedWorkWithCredentialsFromTheEnvironment() throws Exception {
        Map<String, String> env = env("redflag", PASSWORD);

        CliRun rules = run(env, "rules", "push", rulesDir.toString(), "--config", config.toString());
        assertThat(rules.exit()).as(rules.err()).isZero();
        assertThat(rules.out()).startsWith("published rule set ").endsWith(" (1 rules in 1 groups) to " + RULES
                + " at offset 0\n");
        CliRun silence = run(env, "silence", "push", "--config", config.toString(), "--file", silences.toString());
        assertThat(silence.exit()).as(silence.err()).isZero();
        assertThat(silence.out()).startsWith("published " + silences + " (1 silence, ").endsWith(" to " + RULES
                + " at offset 1\n");
        CliRun feed = run(env, "feed", "--config", config.toString(), "--replay", "26h", "--duration", "3s");
        assertThat(feed.exit()).as(feed.err()).isZero();
        Matcher sent = Pattern.compile("feed stopped: (\\d+) events sent").matcher(feed.out());
        assertThat(sent.find()).as(feed.out()).isTrue();
        assertThat(Long.parseLong(sent.group(1))).isPositive();
        // what the producer still held when the feed stopped may be dropped, never more than it sent
        assertThat(endOffset(EVENTS)).isPositive().isLessThanOrEqualTo(Long.parseLong(sent.group(1)));

        CompletableFuture<CliRun> job = CompletableFuture.supplyAsync(() ->
                run(env, "run", "--config", config.toString()));
        try (KafkaConsumer<byte[], byte[]> kpis = Topics.reader(internal, KPIS)) {
            // KPI values on their topic: the job read the events and wrote its results over SASL_SSL
            List<String> values = new ArrayList<>();
            Await.until(Duration.ofSeconds(120), () -> {
                Topics.poll(kpis).forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
                return values;
            }, v -> !v.isEmpty() || job.isDone());
            assertThat(job).as(() -> job.join().toString()).isNotDone();
            assertThat(values.get(0)).startsWith("{\"kpi\":\"");

            String jobId = Await.until(Duration.ofSeconds(30), () -> runningJob().orElse(null), id -> id != null);
            for (String path : List.of("/jobs/" + jobId + "/config", "/jobmanager/config", "/jobs/" + jobId,
                    "/jobs/" + jobId + "/plan", "/taskmanagers")) {
                HttpResponse<String> answer = rest("GET", path);
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                PRINTED.add(answer.body());
            }
            assertThat(rest("GET", "/jobs/" + jobId + "/config").body()).contains("\"execution-config\"");
            assertThat(rest("PATCH", "/jobs/" + jobId + "?mode=cancel").statusCode()).isEqualTo(202);
        } finally {
            CliRun ran = job.get(60, TimeUnit.SECONDS);
            PRINTED.add(ran.out() + ran.err());
        }
    }

    @Test
    void withoutCredentialsEachCommandStopsAtStartSayingWhatToSet() {
        Map<String, String> env = new HashMap<>(env("redflag", PASSWORD));
        env.remove("REDFLAG_KAFKA_SECURITY_PASSWORD_FILE");
        String missing = "env REDFLAG_KAFKA_SECURITY_PROTOCOL: kafka.security.protocol: SASL_SSL needs a password: "
                + "set REDFLAG_KAFKA_SECURITY_PASSWORD, or REDFLAG_KAFKA_SECURITY_PASSWORD_FILE to the path of a file "
                + "holding it\n";
        for (String[] command : commands()) {
            assertThat(run(env, command)).as(String.join(" ", command)).isEqualTo(new CliRun(2, "", missing));
        }

        // nothing set at all: the plain client gets no answer from a TLS listener, and is told what to look at
        CliRun plain = run(Map.of(), "rules", "push", rulesDir.toString(), "--config", config.toString());
        assertThat(plain).isEqualTo(new CliRun(2, "", "kafka.bootstrap-servers: no answer from " + external
                + " within 15 s; check the address and that the brokers are up, and set kafka.security.protocol "
                + "if they want TLS or SASL (it is PLAINTEXT)\n"));
    }

    @Test
    void aWrongPasswordIsRefusedAtStart() {
        CliRun run = run(env("redflag", READER_PASSWORD), "run", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("kafka.security.username: the brokers at " + external + " refused "
                + SASL_USER.formatted("redflag") + " (").endsWith("); check the user and "
                + "REDFLAG_KAFKA_SECURITY_PASSWORD (or its _FILE)\n");
    }

    @Test
    void aUserWithoutWriteOnATopicIsToldWhichTopicAndWhatToAllow() {
        Map<String, String> env = env("reader-only", READER_PASSWORD);
        String user = SASL_USER.formatted("reader-only");
        String allow = "; allow Write on it for User:reader-only with an ACL, or use another user\n";

        assertThat(run(env, "run", "--config", config.toString())).isEqualTo(new CliRun(2, "",
                "kafka.topics.alerts: " + user + " may not write to topic '" + ALERTS + "'" + allow));
        assertThat(run(env, "rules", "push", rulesDir.toString(), "--config", config.toString())).isEqualTo(
                new CliRun(2, "", "kafka.topics.rules: " + user + " may not write to topic '" + RULES + "'" + allow));
        assertThat(run(env, "silence", "push", "--config", config.toString(), "--file", silences.toString()))
                .isEqualTo(new CliRun(2, "", "kafka.topics.rules: " + user + " may not write to topic '" + RULES + "'"
                        + allow));
        assertThat(run(env, "feed", "--config", config.toString(), "--duration", "1s")).isEqualTo(new CliRun(2, "",
                "kafka.topics.events: " + user + " may not write to topic '" + EVENTS + "'" + allow));
    }

    private static List<String[]> commands() {
        return List.of(
                new String[] {"run", "--config", config.toString()},
                new String[] {"rules", "push", rulesDir.toString(), "--config", config.toString()},
                new String[] {"silence", "push", "--config", config.toString(), "--file", silences.toString()},
                new String[] {"feed", "--config", config.toString(), "--duration", "1s"});
    }

    /** The user's credentials as a deployment gives them: the password from a file, the truststore's as a variable. */
    private static Map<String, String> env(String user, String password) {
        Path file = dir.resolve("password-" + user + "-" + Math.abs(password.hashCode()));
        try {
            Files.writeString(file, password + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "REDFLAG_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "REDFLAG_KAFKA_SECURITY_USERNAME", user,
                "REDFLAG_KAFKA_SECURITY_PASSWORD_FILE", file.toString(),
                "REDFLAG_KAFKA_SECURITY_TRUSTSTORE", truststore.toString(),
                "REDFLAG_KAFKA_SECURITY_TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD);
    }

    private static CliRun run(Map<String, String> env, String... args) {
        CliRun run = CliRun.run(env, args);
        synchronized (PRINTED) {
            PRINTED.add(run.out() + run.err());
        }
        return run;
    }

    private static List<String> problems(KafkaConfig kafka) {
        try {
            return KafkaTopicsCheck.problems(kafka, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long endOffset(String topic) throws Exception {
        try (KafkaConsumer<byte[], byte[]> reader = Topics.reader(internal, topic)) {
            var partition = new org.apache.kafka.common.TopicPartition(topic, 0);
            return reader.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static Optional<String> runningJob() {
        try {
            Matcher m = Pattern.compile("\"id\":\"([0-9a-f]{32})\",\"status\":\"RUNNING\"")
                    .matcher(rest("GET", "/jobs").body());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<String> rest(String method, String path) throws Exception {
        var client = FLINK.getClientConfiguration();
        URI uri = URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT) + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Every log event of Kafka's, Flink's and redflag's loggers at INFO and above, with its stack
     * trace, kept in memory; Kafka's and Flink's INFO lines go only here, not to the console.
     */
    private static final class Capture extends AbstractAppender {

        private static final List<String> LOGGERS = List.of("org.apache.kafka", "org.apache.flink", "kafka");

        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        Capture() {
            super("secured-kafka-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        void attach() {
            start();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration configuration = context.getConfiguration();
            configuration.addAppender(this);
            for (String name : LOGGERS) {
                LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
                logger.addAppender(this, Level.INFO, null);
                configuration.addLogger(name, logger);
            }
            configuration.getLoggerConfig("dev.redflag").addAppender(this, Level.INFO, null);
            configuration.getRootLogger().addAppender(this, Level.INFO, null);
            context.updateLoggers();
        }

        void detach() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration configuration = context.getConfiguration();
            LOGGERS.forEach(configuration::removeLogger);
            configuration.getLoggerConfig("dev.redflag").removeAppender(getName());
            configuration.getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}
