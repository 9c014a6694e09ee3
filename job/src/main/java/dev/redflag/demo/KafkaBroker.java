package dev.redflag.demo;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node Kafka broker in KRaft mode (one process is broker and controller) from Kafka's own
 * server classes, with its data in a directory that survives restarts: the local stack's broker.
 * Unlike {@link EmbeddedKafka} it listens on fixed ports and keeps its log across a stop and a start,
 * as a real broker does. Storage is formatted on first start only.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker's settings: one node, replication 1 for the internal topics, two partitions per new topic. */
    public static Properties settings(String host, int port, int controllerPort, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", "2");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /**
     * Formats {@code dataDir} unless it holds a formatted log already, then starts the broker and
     * returns once it serves. {@code dataDir/server.properties} records the settings.
     */
    public static KafkaBroker start(String host, int port, int controllerPort, Path dataDir) throws IOException {
        return start(settings(host, port, controllerPort, dataDir), dataDir, host + ":" + port);
    }

    /**
     * As {@link #start(String, int, int, Path)} with settings of the caller's, e.g. {@link #settings}
     * with a TLS and SASL listener and an authorizer added (SecuredKafkaIT's broker).
     *
     * @param bootstrapServers the address clients are to use, for {@link #bootstrapServers()}
     */
    public static KafkaBroker start(Properties settings, Path dataDir, String bootstrapServers) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(out, "written by redflag kafka at each start");
        }
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", file.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
            if (code != 0) {
                throw new IllegalStateException("cannot format " + dataDir + ": " + output.toString(StandardCharsets.UTF_8));
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Blocks until the broker has shut down. */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    /** A controlled shutdown: the log is flushed and closed cleanly. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
