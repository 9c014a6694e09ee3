package dev.redflag.config;

import dev.redflag.config.KafkaConfig.StartFrom;
import dev.redflag.config.StateConfig.Backend;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Origin;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.Suggestions;
import dev.redflag.yaml.YamlTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the job config (see {@code deploy/job.yaml}) once at start and refuses to start on
 * any mistake, listing all of them with file positions, because a job that starts with a
 * typo'd setting quietly runs with the default and is found out much later.
 *
 * <h2>Environment overrides</h2>
 * Every key can be set by an environment variable that beats the file: {@code REDFLAG_}
 * plus the key path in upper case with {@code .} and {@code -} as {@code _}. List keys take
 * comma-separated items ({@code REDFLAG_KPIS_WINDOWS=1h,1d/1h}, where {@code size/slide} is a
 * sliding window); {@code kafka.properties} takes one variable per property
 * ({@code REDFLAG_KAFKA_PROPERTIES_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}). Blank
 * variables count as unset. Other {@code REDFLAG_*} variables are ignored unless they look
 * like a misspelt override, which is an error. The full list:
 * <pre>
 * REDFLAG_KAFKA_BOOTSTRAP_SERVERS        kafka.bootstrap-servers (required)
 * REDFLAG_KAFKA_GROUP_ID                 kafka.group-id
 * REDFLAG_KAFKA_START_FROM               kafka.start-from
 * REDFLAG_KAFKA_TOPICS_EVENTS            kafka.topics.events (required, comma-separated)
 * REDFLAG_KAFKA_TOPICS_DEAD_LETTERS      kafka.topics.dead-letters
 * REDFLAG_KAFKA_TOPICS_KPIS              kafka.topics.kpis
 * REDFLAG_KAFKA_TOPICS_RULES             kafka.topics.rules
 * REDFLAG_KAFKA_TOPICS_ALERTS            kafka.topics.alerts
 * REDFLAG_KAFKA_TOPICS_FEEDBACK          kafka.topics.feedback
 * REDFLAG_KAFKA_PROPERTIES_*             kafka.properties.*
 * REDFLAG_KAFKA_SECURITY_PROTOCOL        kafka.security.protocol
 * REDFLAG_KAFKA_SECURITY_SASL_MECHANISM  kafka.security.sasl-mechanism
 * REDFLAG_KAFKA_SECURITY_USERNAME        kafka.security.username
 * REDFLAG_KAFKA_SECURITY_TRUSTSTORE      kafka.security.truststore
 * REDFLAG_EVENT_TIME_MAX_OUT_OF_ORDERNESS event-time.max-out-of-orderness
 * REDFLAG_EVENT_TIME_IDLENESS            event-time.idleness
 * REDFLAG_EVENT_TIME_ALLOWED_LATENESS    event-time.allowed-lateness
 * REDFLAG_EVENT_TIME_MAX_FUTURE_SKEW     event-time.max-future-skew
 * REDFLAG_KPIS_DEFINITIONS               kpis.definitions
 * REDFLAG_KPIS_WINDOWS                   kpis.windows (comma-separated)
 * REDFLAG_KPIS_ENTITY_TTL                kpis.entity-ttl
 * REDFLAG_STATE_BACKEND                  state.backend
 * REDFLAG_STATE_CHECKPOINT_DIR           state.checkpoint-dir
 * REDFLAG_STATE_CHECKPOINT_INTERVAL      state.checkpoint-interval
 * REDFLAG_STATE_INCREMENTAL              state.incremental
 * REDFLAG_STATE_ROCKSDB_MEMORY           state.rocksdb-memory
 * REDFLAG_METRICS_PORT                   metrics.port
 * REDFLAG_METRICS_MAX_SERIES_PER_KPI     metrics.max-series-per-kpi
 * REDFLAG_METRICS_FLINK_REPORTER_PORT    metrics.flink-reporter-port
 * REDFLAG_NOTIFY_ROUTES                  notify.routes
 * REDFLAG_NOTIFY_GRAFANA_URL             notify.grafana-url
 * REDFLAG_NOTIFY_ALERTMANAGER_URLS       notify.alertmanager.urls (comma-separated)
 * REDFLAG_NOTIFY_ALERTMANAGER_RESEND_INTERVAL notify.alertmanager.resend-interval
 * REDFLAG_PARALLELISM                    parallelism
 * </pre>
 * {@link #knownKeys()} gives the same list with defaults and descriptions.
 *
 * <p>Two secrets are read from the environment only, each from its variable or from the file its
 * {@code _FILE} variable names: {@code REDFLAG_KAFKA_SECURITY_PASSWORD} (the SASL password) and
 * {@code REDFLAG_KAFKA_SECURITY_TRUSTSTORE_PASSWORD}.
 *
 * <p>Values of {@code kafka.properties} whose name contains {@code password},
 * {@code secret}, {@code token} or {@code sasl.jaas.config} never appear in messages.
 */
public final class JobConfigLoader {

    private static final Set<String> MANAGED_PROPERTIES = Set.of("bootstrap.servers", "group.id", "auto.offset.reset");

    private JobConfigLoader() {
    }

    /** Every key of the config file, in the order of {@code deploy/job.yaml}. */
    public static List<ConfigKey> knownKeys() {
        return ConfigKeys.ALL;
    }

    /** Loads {@code file} with overrides from the process environment. */
    public static JobConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Loads {@code file}; relative paths in it stay relative to the working directory.
     *
     * @throws ConfigException listing every problem found
     */
    public static JobConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": file not found; pass the path of a job config such as deploy/job.yaml"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e));
        }
        return parse(yaml, file.toString(), env);
    }

    /**
     * Parses config text; {@code sourceName} starts every problem line.
     *
     * @throws ConfigException listing every problem found
     */
    public static JobConfig parse(String yaml, String sourceName, Map<String, String> env) {
        Problems problems = new Problems();
        ConfigNode root = YamlTree.parse(yaml, sourceName, problems);
        if (root == null) {
            problems.throwIfAny();
        }
        ConfigReader in = new ConfigReader(root, sourceName, env, problems);
        in.checkKeys();
        in.checkEnv();
        KafkaConfig kafka = kafka(in);
        EventTimeConfig eventTime = eventTime(in);
        KpiSettings kpis = kpis(in);
        StateConfig state = state(in);
        MetricsConfig metrics = metrics(in);
        NotifyConfig notifications = notifications(in);
        Integer parallelism = in.value("parallelism", t -> Values.integer(t, 1, Integer.MAX_VALUE, "must be 1 or more"));
        problems.throwIfAny();
        return new JobConfig(kafka, eventTime, kpis, state, metrics, notifications, parallelism);
    }

    private static KafkaConfig kafka(ConfigReader in) {
        String servers = in.value("kafka.bootstrap-servers", Values::bootstrapServers);
        String groupId = in.value("kafka.group-id", Values::nonEmpty);
        StartFrom startFrom = in.value("kafka.start-from", t -> Values.oneOf(t, StartFrom.class));
        List<String> events = eventTopics(in);
        String deadLetters = in.value("kafka.topics.dead-letters", Values::topic);
        String kpiTopic = in.value("kafka.topics.kpis", Values::topic);
        String rulesTopic = in.value("kafka.topics.rules", Values::topic);
        String alertsTopic = in.value("kafka.topics.alerts", Values::topic);
        String feedbackTopic = in.value("kafka.topics.feedback", Values::topic);
        Map<String, String> properties = properties(in);
        KafkaSecurity security = security(in);
        if (properties != null && security != null && security.protocol() != KafkaSecurity.Protocol.PLAINTEXT) {
            for (String name : properties.keySet()) {
                if (KafkaSecurity.MANAGED_PROPERTIES.contains(name)) {
                    ConfigNode node = in.entries("kafka.properties").get(name);
                    in.report(node.anchor(), node.path(), "kafka.security sets it; remove it from kafka.properties");
                    properties = null;
                    break;
                }
            }
        }
        if (events != null) {
            notReadByTheJob(in, "kafka.topics.dead-letters", deadLetters, events);
            notReadByTheJob(in, "kafka.topics.kpis", kpiTopic, events);
            notReadByTheJob(in, "kafka.topics.rules", rulesTopic, events);
            notReadByTheJob(in, "kafka.topics.alerts", alertsTopic, events);
            notReadByTheJob(in, "kafka.topics.feedback", feedbackTopic, events);
        }
        if (servers == null || groupId == null || startFrom == null || events == null || deadLetters == null
                || kpiTopic == null || rulesTopic == null || alertsTopic == null || feedbackTopic == null
                || properties == null || security == null) {
            return null;
        }
        return new KafkaConfig(servers, groupId, startFrom, events, deadLetters, kpiTopic, rulesTopic, alertsTopic,
                feedbackTopic, properties, security);
    }

    /**
     * TLS and SASL: the user and the truststore from the file or the environment, their passwords
     * from the environment only. Every way the settings cannot work is a problem here, at start,
     * saying what to set, rather than a client that cannot connect later.
     */
    private static KafkaSecurity security(ConfigReader in) {
        KafkaSecurity.Protocol protocol = in.value("kafka.security.protocol",
                t -> Values.oneOf(t, KafkaSecurity.Protocol.class));
        KafkaSecurity.Mechanism mechanism = in.value("kafka.security.sasl-mechanism", KafkaSecurity.Mechanism::parse);
        String username = in.value("kafka.security.username", String::strip);
        String truststore = in.value("kafka.security.truststore", String::strip);
        Optional<Secret> password = in.secret(KafkaSecurity.PASSWORD_VARIABLE);
        Optional<Secret> truststorePassword = in.secret(KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE);
        boolean ok = true;
        if (truststore != null && !truststore.isEmpty() && !Files.isReadable(Path.of(truststore))) {
            ConfigNode node = in.effective("kafka.security.truststore");
            in.report(node.origin(), node.path(), "cannot read the truststore " + truststore
                    + "; mount it there or fix the path");
            ok = false;
        }
        if (protocol == null || mechanism == null || username == null || truststore == null || password == null
                || truststorePassword == null) {
            return null;
        }
        String protocolKey = "kafka.security.protocol";
        if (protocol.sasl()) {
            if (username.isEmpty()) {
                in.report(in.effective(protocolKey).origin(), protocolKey, protocol + " needs a user: add 'username: ...' "
                        + "under 'kafka.security' or set REDFLAG_KAFKA_SECURITY_USERNAME");
                ok = false;
            }
            if (password.isEmpty()) {
                in.report(in.effective(protocolKey).origin(), protocolKey, protocol + " needs a password: set "
                        + KafkaSecurity.PASSWORD_VARIABLE + ", or " + KafkaSecurity.PASSWORD_VARIABLE
                        + "_FILE to the path of a file holding it");
                ok = false;
            }
        } else {
            String use = "; set kafka.security.protocol to SASL_SSL (or SASL_PLAINTEXT), it is " + protocol;
            if (!username.isEmpty()) {
                ConfigNode node = in.effective("kafka.security.username");
                in.report(node.origin(), node.path(), "a user is only used with SASL" + use);
                ok = false;
            }
            if (password.isPresent()) {
                in.report(Origin.env(KafkaSecurity.PASSWORD_VARIABLE), null, "a password is only used with SASL" + use);
                ok = false;
            }
        }
        if (!truststore.isEmpty()) {
            if (!protocol.tls()) {
                ConfigNode node = in.effective("kafka.security.truststore");
                in.report(node.origin(), node.path(), "a truststore is only used with TLS; set "
                        + "kafka.security.protocol to SASL_SSL or SSL, it is " + protocol);
                ok = false;
            }
        } else if (truststorePassword.isPresent()) {
            in.report(Origin.env(KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE), null,
                    "a truststore password without kafka.security.truststore; set the truststore's path too");
            ok = false;
        }
        return ok ? new KafkaSecurity(protocol, mechanism, username, password.orElse(null), truststore,
                truststorePassword.orElse(null)) : null;
    }

    private static List<String> eventTopics(ConfigReader in) {
        String path = "kafka.topics.events";
        List<ConfigNode> items = in.items(path);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            in.report(in.effective(path).origin(), path, "must list at least one topic, e.g. [redflag.events]");
            return null;
        }
        List<String> topics = new ArrayList<>();
        boolean ok = true;
        for (ConfigNode item : items) {
            String topic = in.parse(item, Values::topic);
            if (topic == null) {
                ok = false;
            } else if (topics.contains(topic)) {
                in.report(item.origin(), item.path(), "'" + topic + "' is listed twice; list each topic once");
            } else {
                topics.add(topic);
            }
        }
        return ok ? topics : null;
    }

    /** The job must never read what it writes, or a dead letter would come back as an event. */
    private static void notReadByTheJob(ConfigReader in, String path, String topic, List<String> events) {
        if (topic != null && events.contains(topic)) {
            in.report(in.effective(path).origin(), path, "'" + topic
                    + "' is also in kafka.topics.events; use a topic the job does not read");
        }
    }

    private static Map<String, String> properties(ConfigReader in) {
        Map<String, String> properties = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, ConfigNode> e : in.entries("kafka.properties").entrySet()) {
            ConfigNode node = e.getValue();
            if (!node.isScalar()) {
                in.report(node.origin(), node.path(), "expected a single value, got " + node.describe());
                ok = false;
            } else if (MANAGED_PROPERTIES.contains(e.getKey())) {
                in.report(node.anchor(), node.path(), "set " + managedBy(e.getKey()) + " instead");
                ok = false;
            } else {
                properties.put(e.getKey(), node.text());
            }
        }
        return ok ? properties : null;
    }

    private static String managedBy(String property) {
        return switch (property) {
            case "bootstrap.servers" -> "kafka.bootstrap-servers";
            case "group.id" -> "kafka.group-id";
            default -> "kafka.start-from";
        };
    }

    private static EventTimeConfig eventTime(ConfigReader in) {
        Duration outOfOrder = in.value("event-time.max-out-of-orderness", Values::duration);
        Optional<Duration> idleness = in.value("event-time.idleness", Values::durationOrOff);
        Duration lateness = in.value("event-time.allowed-lateness", Values::duration);
        Duration futureSkew = in.value("event-time.max-future-skew", Values::positiveDuration);
        if (outOfOrder == null || idleness == null || lateness == null || futureSkew == null) {
            return null;
        }
        return new EventTimeConfig(outOfOrder, idleness.orElse(null), lateness, futureSkew);
    }

    private static KpiSettings kpis(ConfigReader in) {
        String definitions = in.value("kpis.definitions", Values::path);
        List<WindowSpec> windows = windows(in);
        Duration ttl = in.value("kpis.entity-ttl", Values::positiveDuration);
        if (definitions == null || windows == null || ttl == null) {
            return null;
        }
        return new KpiSettings(definitions, windows, ttl);
    }

    private static List<WindowSpec> windows(ConfigReader in) {
        String path = "kpis.windows";
        List<ConfigNode> items = in.items(path);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            in.report(in.effective(path).origin(), path, "must list at least one window, e.g. [1h]");
            return null;
        }
        List<WindowSpec> windows = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        boolean ok = true;
        for (ConfigNode item : items) {
            WindowSpec window = switch (item.kind()) {
                case SCALAR -> in.parse(item, WindowSpec::parse);
                case MAPPING -> window(in, item);
                default -> {
                    in.report(item.origin(), item.path(),
                            "expected a window such as 1h or {size: 1d, slide: 1h}, got " + item.describe());
                    yield null;
                }
            };
            if (window == null) {
                ok = false;
            } else if (!labels.add(window.label())) {
                in.report(item.origin(), item.path(), "'" + window.label() + "' is listed twice; list each window once");
            } else {
                windows.add(window);
            }
        }
        return ok ? windows : null;
    }

    /** {@code {size: 1d, slide: 1h}}; without a slide the window is tumbling. */
    private static WindowSpec window(ConfigReader in, ConfigNode item) {
        Set<String> keys = Set.of("size", "slide");
        for (Map.Entry<String, ConfigNode> e : item.entries().entrySet()) {
            if (!keys.contains(e.getKey())) {
                String meant = Suggestions.closest(e.getKey(), List.of("size", "slide"), 3)
                        .map(m -> "did you mean '" + m + "'?").orElse("a window has size and slide");
                in.report(e.getValue().anchor(), e.getValue().path(), "unknown key '" + e.getKey() + "'; " + meant);
                return null;
            }
        }
        ConfigNode sizeNode = item.entries().get("size");
        if (sizeNode == null || sizeNode.isEmpty()) {
            in.report(item.origin(), item.path() + ".size", "missing; add e.g. size: 1d");
            return null;
        }
        ConfigNode slideNode = item.entries().get("slide");
        Duration size = in.parse(sizeNode, Values::positiveDuration);
        Duration slide = slideNode == null || slideNode.isEmpty() ? size : in.parse(slideNode, Values::positiveDuration);
        if (size == null || slide == null) {
            return null;
        }
        try {
            return new WindowSpec(size, slide);
        } catch (IllegalArgumentException e) {
            ConfigNode at = slideNode != null ? slideNode : sizeNode;
            in.report(at.origin(), at.path(), e.getMessage());
            return null;
        }
    }

    private static StateConfig state(ConfigReader in) {
        Backend backend = in.value("state.backend", t -> Values.oneOf(t, Backend.class));
        String dir = in.value("state.checkpoint-dir", Values::uriWithScheme);
        Optional<Duration> interval = in.value("state.checkpoint-interval", Values::durationOrOff);
        Boolean incremental = in.value("state.incremental", Values::bool);
        Integer rocksDbMemory = in.value("state.rocksdb-memory", Values::memoryMib);
        if (backend == null || dir == null || interval == null || incremental == null || rocksDbMemory == null) {
            return null;
        }
        return new StateConfig(backend, dir, interval.orElse(null), incremental, rocksDbMemory);
    }

    private static NotifyConfig notifications(ConfigReader in) {
        String routes = in.value("notify.routes", Values::path);
        String grafana = in.value("notify.grafana-url", Values::httpUrlOrEmpty);
        Duration resend = in.value("notify.alertmanager.resend-interval", Values::positiveDuration);
        List<ConfigNode> items = in.items("notify.alertmanager.urls");
        List<String> urls = new ArrayList<>();
        boolean ok = items != null;
        for (ConfigNode item : items == null ? List.<ConfigNode>of() : items) {
            String url = in.parse(item, Values::httpUrl);
            if (url == null) {
                ok = false;
            } else {
                urls.add(url);
            }
        }
        if (routes == null || grafana == null || resend == null || !ok) {
            return null;
        }
        return new NotifyConfig(routes, grafana, urls, resend);
    }

    private static MetricsConfig metrics(ConfigReader in) {
        int[] ports = in.value("metrics.port", Values::portOrRange);
        Integer maxSeries = in.value("metrics.max-series-per-kpi",
                t -> Values.integer(t, 1, Integer.MAX_VALUE, "must be 1 or more"));
        Integer flinkPort = in.value("metrics.flink-reporter-port",
                t -> Values.integer(t, 0, 65535, "must be between 0 and 65535 (0 for no Flink reporter)"));
        if (ports == null || maxSeries == null || flinkPort == null) {
            return null;
        }
        return new MetricsConfig(ports[0], ports[1], maxSeries, flinkPort);
    }
}
