package dev.redflag.config;

import dev.redflag.config.KafkaConfig.StartFrom;
import dev.redflag.config.StateConfig.Backend;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigLoaderTest {

    private static final String REQUIRED = """
            kafka:
              bootstrap-servers: localhost:9092
              topics:
                events: [redflag.events]
            """;

    private static Path resource(String name) {
        try {
            return Path.of(JobConfigLoaderTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobConfig parse(String yaml) {
        return JobConfigLoader.parse(yaml, "job.yaml", Map.of());
    }

    private static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    private static List<String> problems(String yaml, Map<String, String> env) {
        try {
            JobConfigLoader.parse(yaml, "job.yaml", env);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException");
    }

    // ---- values ----

    @Test
    void minimalFileTakesEveryDefault() {
        JobConfig config = JobConfigLoader.load(resource("minimal.yaml"), Map.of());

        KafkaConfig kafka = config.kafka();
        assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(kafka.groupId()).isEqualTo("redflag");
        assertThat(kafka.startFrom()).isEqualTo(StartFrom.COMMITTED);
        assertThat(kafka.eventTopics()).containsExactly("redflag.events");
        assertThat(kafka.deadLetterTopic()).isEqualTo("redflag.dead-letters");
        assertThat(kafka.kpiTopic()).isEqualTo("redflag.kpis");
        assertThat(kafka.rulesTopic()).isEqualTo("redflag.rules");
        assertThat(kafka.alertsTopic()).isEqualTo("redflag.alerts");
        assertThat(kafka.properties()).isEmpty();
        assertThat(config.eventTime()).isEqualTo(new EventTimeConfig(ofSeconds(30), ofMinutes(1), ofMinutes(5), ofHours(1)));
        assertThat(config.kpis().definitions()).isEqualTo(Path.of("alerts-config/kpis.yaml"));
        assertThat(config.kpis().windows()).containsExactly(WindowSpec.tumbling(ofHours(1)));
        assertThat(config.kpis().entityTtl()).isEqualTo(ofDays(35));
        assertThat(config.state()).isEqualTo(
                new StateConfig(Backend.ROCKSDB, "file:///tmp/redflag/checkpoints", ofSeconds(30), true, 512));
        assertThat(config.metrics()).isEqualTo(new MetricsConfig(9249, 9249, 1000, 9250));
        assertThat(config.parallelism()).isEqualTo(2);
        assertThat(config).isEqualTo(JobConfig.defaults("localhost:9092"));
    }

    @Test
    void deployExampleHasEveryKeyAtItsDefault() {
        JobConfig example = JobConfigLoader.load(Path.of("..", "deploy", "job.yaml"), Map.of());

        assertThat(example).isEqualTo(JobConfig.defaults("localhost:9092"));
    }

    @Test
    void everyKeyIsRead() {
        JobConfig config = JobConfigLoader.load(resource("full.yaml"), Map.of());

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"redflag\" password=\"hunter2\";");
        properties.put("ssl.truststore.password", "changeit");
        properties.put("linger.ms", "20");
        assertThat(config).isEqualTo(new JobConfig(
                new KafkaConfig("kafka-1:9092,kafka-2:19092", "redflag-prod", StartFrom.LATEST,
                        List.of("web.events", "crm.events"), "redflag.dlq", "redflag.kpi-values",
                        "redflag.rule-sets", "redflag.alert-log", "redflag-feedback", properties),
                new EventTimeConfig(ofSeconds(90), null, Duration.ZERO, ofHours(2)),
                new KpiSettings("/etc/redflag/kpis.yaml", List.of(
                        WindowSpec.tumbling(ofMinutes(15)),
                        WindowSpec.sliding(ofDays(1), ofHours(1)),
                        WindowSpec.tumbling(ofDays(7)),
                        WindowSpec.sliding(ofDays(7), ofDays(1))), ofDays(90)),
                new StateConfig(Backend.HASHMAP, "s3://bucket/redflag/checkpoints", ofMinutes(2), false, 2048),
                new MetricsConfig(0, 0, 50, 9260),
                new NotifyConfig("/etc/redflag/routes.yaml", "https://grafana.example.com",
                        List.of("http://am-1:9093", "https://am-2.example.com"), ofMinutes(2)),
                8));
        assertThat(config.eventTime().idlenessTimeout()).isEmpty();
        assertThat(config.kpis().windows()).extracting(WindowSpec::label)
                .containsExactly("15m", "1d/1h", "1w", "1w/1d");
    }

    @Test
    void configSurvivesJavaSerialization() throws Exception {
        JobConfig config = JobConfigLoader.load(resource("full.yaml"), Map.of());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(config);
        }
    }

    @Test
    void checkpointingCanBeTurnedOff() {
        JobConfig config = parse(REQUIRED + """
                state:
                  checkpoint-interval: OFF
                """);

        assertThat(config.state().checkpointInterval()).isNull();
        assertThat(config.state().checkpointing()).isEmpty();
    }

    @Test
    void nullAndEmptyValuesTakeTheDefault() {
        JobConfig config = parse(REQUIRED + """
                event-time:
                  idleness: ~
                  allowed-lateness:
                kpis:
                metrics:
                  port: ''
                """);

        assertThat(config).isEqualTo(JobConfig.defaults("localhost:9092"));
    }

    // ---- environment ----

    @Test
    void environmentBeatsTheFile() {
        Map<String, String> env = Map.of(
                "REDFLAG_KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "REDFLAG_KAFKA_TOPICS_EVENTS", "a, b",
                "REDFLAG_EVENT_TIME_IDLENESS", "5m",
                "REDFLAG_KPIS_WINDOWS", "1h,1d/1h",
                "REDFLAG_STATE_BACKEND", "rocksdb",
                "REDFLAG_STATE_INCREMENTAL", "true",
                "REDFLAG_METRICS_PORT", "9300",
                "REDFLAG_PARALLELISM", "3",
                "REDFLAG_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "from-env",
                "REDFLAG_KAFKA_PROPERTIES_CLIENT_ID", "redflag-1");

        JobConfig config = JobConfigLoader.load(resource("full.yaml"), env);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:9093");
        assertThat(config.kafka().eventTopics()).containsExactly("a", "b");
        assertThat(config.kafka().groupId()).isEqualTo("redflag-prod");
        assertThat(config.eventTime().idleness()).isEqualTo(ofMinutes(5));
        assertThat(config.kpis().windows()).extracting(WindowSpec::label).containsExactly("1h", "1d/1h");
        assertThat(config.state().backend()).isEqualTo(Backend.ROCKSDB);
        assertThat(config.state().incremental()).isTrue();
        assertThat(config.metrics().port()).isEqualTo(9300);
        assertThat(config.parallelism()).isEqualTo(3);
        assertThat(config.kafka().properties())
                .containsEntry("sasl.jaas.config", "from-env")
                .containsEntry("client.id", "redflag-1")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void requiredKeysCanComeFromTheEnvironmentAlone() {
        JobConfig config = JobConfigLoader.parse("", "job.yaml", Map.of(
                "REDFLAG_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
                "REDFLAG_KAFKA_TOPICS_EVENTS", "redflag.events",
                "REDFLAG_KAFKA_GROUP_ID", " ",
                "REDFLAG_UNRELATED_THING", "ignored",
                "PATH", "/usr/bin"));

        assertThat(config).isEqualTo(JobConfig.defaults("localhost:9092"));
    }

    @Test
    void errorsInEnvironmentOverridesNameTheVariable() {
        assertThat(problems(REQUIRED + """
                metrics:
                  port: 9249
                """, Map.of(
                "REDFLAG_METRICS_PORT", "70000",
                "REDFLAG_KPIS_WINDOWS", "1h,1d/7h",
                "REDFLAG_KAFKA_TOPICS_EVENTS", "ok,not ok")))
                .containsExactly(
                        "env REDFLAG_KAFKA_TOPICS_EVENTS: kafka.topics.events[1]: 'not ok' is not a valid topic name; "
                                + "use only letters, digits, '.', '_' and '-'",
                        "env REDFLAG_KPIS_WINDOWS: kpis.windows[1]: slide 7h does not divide size 1d exactly; "
                                + "use e.g. 6h or 8h",
                        "env REDFLAG_METRICS_PORT: metrics.port: must be between 0 and 65535 (0 picks a free port), or a range like "
                                + "9249-9250, "
                                + "got 70000");
    }

    @Test
    void misspeltVariablesAreErrorsOthersAreIgnored() {
        assertThat(problems(REQUIRED, Map.of(
                "REDFLAG_KAFKA_BOOTSTRAP_SERVER", "localhost:9092",
                "REDFLAG_PARALELISM", "4",
                "REDFLAG_CONFIG", "deploy/job.yaml")))
                .containsExactly(
                        "env REDFLAG_KAFKA_BOOTSTRAP_SERVER: not a known setting; "
                                + "did you mean REDFLAG_KAFKA_BOOTSTRAP_SERVERS?",
                        "env REDFLAG_PARALELISM: not a known setting; did you mean REDFLAG_PARALLELISM?");
    }

    @Test
    void knownKeysNameTheirVariables() {
        assertThat(JobConfigLoader.knownKeys()).extracting(ConfigKey::envVar).contains(
                "REDFLAG_KAFKA_BOOTSTRAP_SERVERS", "REDFLAG_METRICS_PORT", "REDFLAG_STATE_BACKEND",
                "REDFLAG_EVENT_TIME_MAX_OUT_OF_ORDERNESS", "REDFLAG_KAFKA_PROPERTIES_*", "REDFLAG_KAFKA_TOPICS_RULES",
                "REDFLAG_KAFKA_TOPICS_ALERTS", "REDFLAG_KAFKA_TOPICS_FEEDBACK", "REDFLAG_NOTIFY_ALERTMANAGER_URLS");
        assertThat(JobConfigLoader.knownKeys()).hasSize(34)
                .filteredOn(ConfigKey::required).extracting(ConfigKey::path)
                .containsExactly("kafka.bootstrap-servers", "kafka.topics.events");
    }

    @Test
    void alertmanagerUrlsMustBeHttpUrlsWithAHost() {
        assertThat(problems(REQUIRED + """
                notify:
                  grafana-url: grafana.local
                  alertmanager:
                    urls: [http://am:9093/, "am:9093", "ftp://am"]
                """)).containsExactly(
                "job.yaml:6:16: notify.grafana-url: 'grafana.local' is not an http(s) URL with a host; e.g. http://localhost:9093",
                "job.yaml:8:29: notify.alertmanager.urls[1]: 'am:9093' is not an http(s) URL with a host; e.g. http://localhost:9093",
                "job.yaml:8:40: notify.alertmanager.urls[2]: 'ftp://am' is not an http(s) URL with a host; e.g. http://localhost:9093");
    }

    // ---- problems in the file ----

    @Test
    void wrongTypeNamesLineAndColumn() {
        assertThat(problems(REQUIRED + """
                parallelism: [1, 2]
                metrics: 9249
                """)).containsExactly(
                "job.yaml:5:14: parallelism: expected a single value, got a list",
                "job.yaml:6:10: metrics: expected a mapping with the keys port, max-series-per-kpi, flink-reporter-port; got a single value");
    }

    @Test
    void badDuration() {
        assertThat(problems(REQUIRED + """
                event-time:
                  max-out-of-orderness: 30
                  allowed-lateness: 1.5h
                  max-future-skew: 5 min
                """)).containsExactly(
                "job.yaml:6:25: event-time.max-out-of-orderness: '30' has no unit; add a unit, e.g. 30s",
                "job.yaml:7:21: event-time.allowed-lateness: '1.5h' has a fraction; durations take whole numbers; "
                        + "write 1h30m",
                "job.yaml:8:20: event-time.max-future-skew: '5 min' is not a duration; write a number with a unit, "
                        + "e.g. 30s, 5m or 1h30m");
    }

    @Test
    void badMemorySize() {
        assertThat(problems(REQUIRED + """
                state:
                  rocksdb-memory: 2GB
                """)).containsExactly(
                "job.yaml:6:19: state.rocksdb-memory: '2GB' is not a memory size; write a whole number with m or g, "
                        + "e.g. 512m or 2g");
        assertThat(problems(REQUIRED + """
                state:
                  rocksdb-memory: 32m
                """)).containsExactly("job.yaml:6:19: state.rocksdb-memory: must be between 64m and 1024g, got 32m");
        assertThat(problems(REQUIRED, Map.of("REDFLAG_STATE_ROCKSDB_MEMORY", "lots"))).containsExactly(
                "env REDFLAG_STATE_ROCKSDB_MEMORY: state.rocksdb-memory: 'lots' is not a memory size; "
                        + "write a whole number with m or g, e.g. 512m or 2g");
        assertThat(JobConfigLoader.parse(REQUIRED + """
                state:
                  rocksdb-memory: 1G
                """, "job.yaml", Map.of()).state().rocksDbMemoryMib()).isEqualTo(1024);
    }

    @Test
    void unknownKeyGetsASuggestion() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers: localhost:9092
                  bootstrap-server: localhost:9093
                  topics:
                    events: [redflag.events]
                    dead-letter: dlq
                stat:
                  backend: rocksdb
                checkpoint-dir: file:///cp
                colour: blue
                """)).containsExactly(
                "job.yaml:3:3: kafka.bootstrap-server: unknown key 'kafka.bootstrap-server'; "
                        + "did you mean 'kafka.bootstrap-servers'?",
                "job.yaml:6:5: kafka.topics.dead-letter: unknown key 'kafka.topics.dead-letter'; "
                        + "did you mean 'kafka.topics.dead-letters'?",
                "job.yaml:7:1: stat: unknown key 'stat'; did you mean 'state'?",
                "job.yaml:9:1: checkpoint-dir: unknown key 'checkpoint-dir'; did you mean 'state.checkpoint-dir'?",
                "job.yaml:10:1: colour: unknown key 'colour'; "
                        + "the keys here are kafka, event-time, kpis, state, metrics, notify, parallelism");
    }

    @Test
    void misplacedKeyPointsToWhereItBelongs() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers: localhost:9092
                  events: [redflag.events]
                  topics:
                    events: [redflag.events]
                  metrics:
                    port: 9250
                """)).containsExactly(
                "job.yaml:3:3: kafka.events: unknown key 'kafka.events'; did you mean 'kafka.topics.events'?",
                "job.yaml:6:3: kafka.metrics: unknown key 'kafka.metrics'; did you mean 'metrics'?");
    }

    @Test
    void flatDottedKeysAreExplained() {
        assertThat(problems(REQUIRED + "state.backend: hashmap\n")).containsExactly(
                "job.yaml:5:1: state.backend: unknown key 'state.backend'; write it nested: 'backend' under 'state'");
    }

    @Test
    void missingRequiredKeyPointsAtItsParent() {
        assertThat(problems("""
                kafka:
                  group-id: redflag
                  topics:
                    kpis: redflag.kpis
                """)).containsExactly(
                "job.yaml:1:1: kafka.bootstrap-servers: required key is missing; "
                        + "add 'bootstrap-servers: localhost:9092' under 'kafka' or set REDFLAG_KAFKA_BOOTSTRAP_SERVERS",
                "job.yaml:3:3: kafka.topics.events: required key is missing; "
                        + "add 'events: [redflag.events]' under 'kafka.topics' or set REDFLAG_KAFKA_TOPICS_EVENTS");
    }

    @Test
    void missingSectionPointsAtTheFile() {
        assertThat(problems("parallelism: 4\n")).containsExactly(
                "job.yaml: kafka.bootstrap-servers: required key is missing; "
                        + "add 'bootstrap-servers: localhost:9092' under 'kafka' or set REDFLAG_KAFKA_BOOTSTRAP_SERVERS",
                "job.yaml: kafka.topics.events: required key is missing; "
                        + "add 'events: [redflag.events]' under 'kafka.topics' or set REDFLAG_KAFKA_TOPICS_EVENTS");
    }

    @Test
    void requiredKeyWithoutValue() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers:
                  topics:
                    events: []
                """)).containsExactly(
                "job.yaml:2:3: kafka.bootstrap-servers: has no value; "
                        + "add 'bootstrap-servers: localhost:9092' under 'kafka' or set REDFLAG_KAFKA_BOOTSTRAP_SERVERS",
                "job.yaml:4:13: kafka.topics.events: must list at least one topic, e.g. [redflag.events]");
    }

    @Test
    void badEnumValue() {
        assertThat(problems(REQUIRED + """
                  start-from: newest
                state:
                  backend: rockdb
                """)).containsExactly(
                "job.yaml:5:15: kafka.start-from: 'newest' is not one of committed, earliest, latest",
                "job.yaml:7:12: state.backend: 'rockdb' is not one of rocksdb, hashmap; did you mean 'rocksdb'?");
    }

    @Test
    void metricsPortRange() {
        assertThat(parse(REQUIRED + "metrics: {port: 9249-9250}\n").metrics())
                .isEqualTo(new MetricsConfig(9249, 9250, 1000, 9250));
        assertThat(parse(REQUIRED + "metrics: {port: 9249-9250}\n").metrics().ports()).isEqualTo("9249-9250");
        assertThat(JobConfigLoader.parse(REQUIRED, "job.yaml", Map.of("REDFLAG_METRICS_PORT", "9300-9301"))
                .metrics().lastPort()).isEqualTo(9301);
        assertThat(problems(REQUIRED + "metrics: {port: 9250-9249}\n")).containsExactly(
                "job.yaml:5:17: metrics.port: the range 9250-9249 ends before it starts; write it as 9249-9250");
        assertThat(problems(REQUIRED + "metrics: {port: 0-9249}\n")).containsExactly(
                "job.yaml:5:17: metrics.port: must be between 0 and 65535 (0 picks a free port), or a range like "
                        + "9249-9250, got 0");
    }

    @Test
    void badPorts() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers: kafka-1:9092,kafka-2,:9092,kafka-3:99999
                  topics:
                    events: [redflag.events]
                metrics:
                  port: 65536
                """)).containsExactly(
                "job.yaml:2:22: kafka.bootstrap-servers: 'kafka-2' has no port; write host:port, e.g. kafka-2:9092",
                "job.yaml:6:9: metrics.port: must be between 0 and 65535 (0 picks a free port), or a range like 9249-9250, "
                        + "got 65536");
        assertThat(problems(REQUIRED.replace("localhost:9092", "kafka:abc"))).containsExactly(
                "job.yaml:2:22: kafka.bootstrap-servers: 'kafka:abc' has port 'abc'; use a number from 1 to 65535");
        assertThat(problems(REQUIRED.replace("localhost:9092", "':9092'"))).containsExactly(
                "job.yaml:2:22: kafka.bootstrap-servers: ':9092' has no host; write host:port, e.g. localhost:9092");
    }

    @Test
    void bootstrapServersAcceptsIpv6InBrackets() {
        assertThat(parse(REQUIRED.replace("localhost:9092", "'[::1]:9092, kafka:9092'")).kafka().bootstrapServers())
                .isEqualTo("[::1]:9092,kafka:9092");
    }

    @Test
    void slideMustDivideSize() {
        assertThat(problems(REQUIRED + """
                kpis:
                  windows:
                    - 1h
                    - {size: 1d, slide: 7h}
                    - 1h/2h
                    - {size: 1d, sllide: 1h}
                    - 1h
                """)).containsExactly(
                "job.yaml:8:25: kpis.windows[1].slide: slide 7h does not divide size 1d exactly; use e.g. 6h or 8h",
                "job.yaml:9:7: kpis.windows[2]: slide 2h is longer than size 1h; a slide must be at most the window size",
                "job.yaml:10:18: kpis.windows[3].sllide: unknown key 'sllide'; did you mean 'slide'?",
                "job.yaml:11:7: kpis.windows[4]: '1h' is listed twice; list each window once");
    }

    @Test
    void topicRules() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers: localhost:9092
                  topics:
                    events: [redflag.events, "bad topic!", redflag.events, ..]
                    dead-letters: redflag.events
                """)).containsExactly(
                "job.yaml:4:30: kafka.topics.events[1]: 'bad topic!' is not a valid topic name; "
                        + "use only letters, digits, '.', '_' and '-'",
                "job.yaml:4:44: kafka.topics.events[2]: 'redflag.events' is listed twice; list each topic once",
                "job.yaml:4:60: kafka.topics.events[3]: '..' is not a valid topic name; Kafka reserves '.' and '..'");
        assertThat(problems(REQUIRED + "    dead-letters: redflag.events\n")).containsExactly(
                "job.yaml:5:19: kafka.topics.dead-letters: 'redflag.events' is also in kafka.topics.events; "
                        + "use a topic the job does not read");
        assertThat(problems(REQUIRED.replace("[redflag.events]", "x".repeat(250)))).containsExactly(
                "job.yaml:4:13: kafka.topics.events: topic name is 250 characters long; Kafka allows at most 249");
    }

    @Test
    void otherValueChecks() {
        assertThat(problems(REQUIRED + """
                  properties:
                    group.id: other
                    nested: {a: b}
                event-time:
                  idleness: 0s
                kpis:
                  entity-ttl: 0d
                state:
                  checkpoint-dir: /var/lib/redflag
                  incremental: yes
                metrics:
                  max-series-per-kpi: 0
                parallelism: 1.5
                """)).containsExactly(
                "job.yaml:6:5: kafka.properties.group.id: set kafka.group-id instead",
                "job.yaml:7:13: kafka.properties.nested: expected a single value, got a mapping",
                "job.yaml:9:13: event-time.idleness: must be greater than 0s; write off to disable",
                "job.yaml:11:15: kpis.entity-ttl: must be greater than 0s",
                "job.yaml:13:19: state.checkpoint-dir: '/var/lib/redflag' has no scheme; write file:///var/lib/redflag",
                "job.yaml:14:16: state.incremental: 'yes' is not true or false",
                "job.yaml:16:23: metrics.max-series-per-kpi: must be 1 or more, got 0",
                "job.yaml:17:14: parallelism: '1.5' is not a whole number");
    }

    @Test
    void duplicateKeys() {
        assertThat(problems(REQUIRED + "parallelism: 2\nparallelism: 3\n")).containsExactly(
                "job.yaml:6:1: parallelism: written twice (first at line 5); keep one");
    }

    @Test
    void severalProblemsAreReportedTogetherInFileOrder() {
        ConfigException e = (ConfigException) catchThrowable(() -> JobConfigLoader.parse("""
                kafka:
                  topics:
                    events: [redflag.events]
                event-time:
                  idleness: 1minute
                metrics:
                  prot: 9249
                parallelism: 0
                """, "deploy/job.yaml", Map.of("REDFLAG_STATE_BACKEND", "memory")));

        assertThat(e.getMessage()).isEqualTo("""
                deploy/job.yaml:1:1: kafka.bootstrap-servers: required key is missing; \
                add 'bootstrap-servers: localhost:9092' under 'kafka' or set REDFLAG_KAFKA_BOOTSTRAP_SERVERS
                deploy/job.yaml:5:13: event-time.idleness: '1minute' has an unknown unit 'minute'; \
                use ms, s, m, h, d or w (or off to disable)
                deploy/job.yaml:7:3: metrics.prot: unknown key 'metrics.prot'; did you mean 'metrics.port'?
                deploy/job.yaml:8:14: parallelism: must be 1 or more, got 0
                env REDFLAG_STATE_BACKEND: state.backend: 'memory' is not one of rocksdb, hashmap""");
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected an exception");
    }

    @Test
    void brokenYamlIsOneProblemWithItsPosition() {
        assertThat(problems("""
                kafka:
                  bootstrap-servers: localhost:9092
                 topics:
                    events: [redflag.events]
                """)).containsExactly(
                "job.yaml:3:2: invalid YAML: expected <block end>, but found '<block mapping start>' "
                        + "(while parsing a block mapping at 1:1); check indentation and quoting");
        assertThat(problems("kafka: [a, b\n")).containsExactly(
                "job.yaml:2:1: invalid YAML: expected ',' or ']', but got <stream end> "
                        + "(while parsing a flow sequence at 1:8); check indentation and quoting");
    }

    @Test
    void onlyOneDocument() {
        assertThat(problems(REQUIRED + "---\nparallelism: 3\n")).containsExactly(
                "job.yaml:6:1: a second YAML document (after '---') starts here; "
                        + "a job config is one document, remove the '---' and what follows");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(problems("- kafka\n")).containsExactly(
                "job.yaml:1:1: a job config is a mapping with the keys kafka, event-time, kpis, state, metrics, "
                        + "notify, parallelism; got a list");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> JobConfigLoader.load(Path.of("no/such/job.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("no/such/job.yaml: file not found; pass the path of a job config such as deploy/job.yaml");
    }

    // ---- secrets ----

    @Test
    void secretPropertiesAreMaskedInToString() {
        JobConfig config = JobConfigLoader.load(resource("full.yaml"),
                Map.of("REDFLAG_KAFKA_PROPERTIES_SCHEMA_REGISTRY_AUTH_TOKEN", "tok-123"));

        assertThat(config.kafka().properties()).containsEntry("ssl.truststore.password", "changeit");
        assertThat(config.kafka().toString())
                .contains("properties={linger.ms=20, sasl.jaas.config=***, sasl.mechanism=SCRAM-SHA-512, "
                        + "schema.registry.auth.token=***, security.protocol=SASL_SSL, ssl.truststore.password=***}")
                .doesNotContain("hunter2", "changeit", "tok-123");
        assertThat(config.toString()).doesNotContain("hunter2", "changeit", "tok-123");
    }

    @Test
    void secretsNeverAppearInProblems() {
        List<String> syntax = problems("""
                kafka:
                  properties:
                    sasl.jaas.config: "ScramLoginModule required password=hunter2;
                """);
        List<String> type = problems(REQUIRED + """
                  properties: "sasl.jaas.config=password=hunter2"
                """);

        assertThat(syntax).containsExactly("job.yaml:4:1: invalid YAML: found unexpected end of stream "
                + "(while scanning a quoted scalar at 3:23); check indentation and quoting");
        assertThat(type).containsExactly(
                "job.yaml:5:15: kafka.properties: expected a mapping of property names to values, got a single value");
    }
}
