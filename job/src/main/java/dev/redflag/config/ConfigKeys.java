package dev.redflag.config;

import dev.redflag.config.ConfigKey.Shape;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one table of settings: the loader, the unknown-key check and the docs all read it. */
final class ConfigKeys {

    static final List<ConfigKey> ALL = List.of(
            required("kafka.bootstrap-servers", Shape.VALUE, "localhost:9092",
                    "Kafka brokers, a comma-separated host:port list"),
            key("kafka.group-id", "redflag", "Kafka consumer group id"),
            key("kafka.start-from", "committed",
                    "where to start without committed offsets: committed (falls back to earliest), earliest or latest"),
            required("kafka.topics.events", Shape.LIST, "[redflag.events]", "topics to read events from"),
            key("kafka.topics.dead-letters", "redflag.dead-letters", "topic for records that cannot be used"),
            key("kafka.topics.kpis", "redflag.kpis", "topic the KPI values are written to"),
            key("kafka.topics.rules", "redflag.rules", "compacted topic the rule sets arrive on (redflag rules push)"),
            key("kafka.topics.alerts", "redflag.alerts", "topic every alert transition is written to"),
            key("kafka.topics.feedback", "redflag-feedback",
                    "topic people's actions on alerts arrive on from redflag slack-actions"),
            new ConfigKey("kafka.properties", Shape.MAP, "{}", "{security.protocol: SASL_SSL}",
                    "extra Kafka client properties; secret values are never printed"),
            key("kafka.security.protocol", "PLAINTEXT",
                    "PLAINTEXT, SSL, SASL_SSL or SASL_PLAINTEXT: how every client redflag creates talks to the brokers"),
            key("kafka.security.sasl-mechanism", "SCRAM-SHA-512", "with SASL: SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN"),
            key("kafka.security.username", "", "with SASL: the user; its password comes from "
                    + KafkaSecurity.PASSWORD_VARIABLE + " or " + KafkaSecurity.PASSWORD_VARIABLE + "_FILE only"),
            key("kafka.security.truststore", "", "with TLS: the truststore file (PKCS12 or JKS) holding the brokers' CA; "
                    + "empty for the JVM's CAs; its password from " + KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE
                    + " or " + KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE + "_FILE"),
            key("event-time.max-out-of-orderness", "30s", "how far behind the newest event the watermark trails"),
            key("event-time.idleness", "1m", "after this long without events a partition stops holding back the watermark; off disables"),
            key("event-time.allowed-lateness", "5m", "late events within this still update their window; later ones are dead letters"),
            key("event-time.max-future-skew", "1h", "events stamped this far ahead of the wall clock are dead letters"),
            key("kpis.definitions", "alerts-config/kpis.yaml", "user-defined KPIs, relative to the working directory"),
            new ConfigKey("kpis.windows", Shape.LIST, "1h", "[1h, {size: 1d, slide: 1h}]",
                    "default windows of every KPI: tumbling (1h) or sliding ({size: 1d, slide: 1h}, env: 1d/1h)"),
            key("kpis.entity-ttl", "35d", "per-entity state (leads, customers) is dropped after this long without activity"),
            key("state.backend", "rocksdb", "Flink state backend: rocksdb or hashmap"),
            key("state.checkpoint-dir", "file:///tmp/redflag/checkpoints", "checkpoint location, a URI with a scheme"),
            key("state.checkpoint-interval", "30s", "time between checkpoints; off disables"),
            key("state.incremental", "true", "incremental RocksDB checkpoints"),
            key("state.rocksdb-memory", "512m", "RocksDB's block cache and write buffers (native memory, not heap) "
                    + "when redflag run starts its in-process mini cluster; on a Flink cluster the TaskManagers' "
                    + "taskmanager.memory.managed.size sets it"),
            key("metrics.port", "9249", "Prometheus endpoint port of each TaskManager; 0 picks a free port; "
                    + "a range (9249-9250) gives each TaskManager on a host the first free port of it"),
            key("metrics.max-series-per-kpi", "1000", "KPI series exported per KPI at most; more are counted as dropped"),
            key("metrics.flink-reporter-port", "9250",
                    "port of Flink's own Prometheus reporter when redflag run starts its in-process mini cluster; 0 for none"),
            key("notify.routes", "alerts-config/routes.yaml",
                    "routing file (receivers, groups, inhibition, mute times); missing at the default path: no Slack notifications"),
            key("notify.grafana-url", "", "Grafana base URL for the 'Grafana' button and generatorURL; empty for none"),
            new ConfigKey("notify.alertmanager.urls", Shape.LIST, "", "[http://localhost:9093]",
                    "Alertmanagers every firing and resolved alert is posted to; empty for none"),
            key("notify.alertmanager.resend-interval", "1m", "how often firing alerts are posted again, as Prometheus does"),
            key("parallelism", "2", "job parallelism"));

    /** Variables read only from the environment (secrets), each also with a {@code _FILE} form. */
    static final List<String> SECRET_VARIABLES = List.of(KafkaSecurity.PASSWORD_VARIABLE,
            KafkaSecurity.PASSWORD_VARIABLE + "_FILE", KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE,
            KafkaSecurity.TRUSTSTORE_PASSWORD_VARIABLE + "_FILE");

    private static final Map<String, ConfigKey> BY_PATH =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::path, Function.identity()));

    private ConfigKeys() {
    }

    private static ConfigKey key(String path, String defaultValue, String description) {
        return new ConfigKey(path, Shape.VALUE, defaultValue, defaultValue, description);
    }

    private static ConfigKey required(String path, Shape shape, String example, String description) {
        return new ConfigKey(path, shape, null, example, description);
    }

    static ConfigKey get(String path) {
        ConfigKey key = BY_PATH.get(path);
        if (key == null) {
            throw new IllegalArgumentException("no such config key: " + path);
        }
        return key;
    }

    static Optional<ConfigKey> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** True for mappings that group keys, like {@code kafka} and {@code kafka.topics}. */
    static boolean isSection(String path) {
        return path.isEmpty() || ALL.stream().anyMatch(k -> k.path().startsWith(path + "."));
    }

    /** The names allowed directly inside the section, in documentation order. */
    static Set<String> childrenOf(String section) {
        String prefix = section.isEmpty() ? "" : section + ".";
        Set<String> names = new LinkedHashSet<>();
        for (ConfigKey k : ALL) {
            if (k.path().startsWith(prefix)) {
                String rest = k.path().substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return names;
    }

    /** Every section and key path, for suggesting where a misplaced key belongs. */
    static Set<String> allPaths() {
        Set<String> paths = new LinkedHashSet<>();
        for (ConfigKey k : ALL) {
            String p = k.path();
            for (int dot = p.indexOf('.'); dot >= 0; dot = p.indexOf('.', dot + 1)) {
                paths.add(p.substring(0, dot));
            }
            paths.add(p);
        }
        return paths;
    }
}
