package dev.redflag.cli;

import dev.redflag.demo.KafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code redflag kafka}: a single-node KRaft broker in the foreground, with its data in a directory
 * that survives restarts — the local stack's Kafka, where no Kafka distribution is installed. It
 * stops cleanly on SIGTERM (Ctrl-C).
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) in the foreground, for the local stack; not for production.")
public final class KafkaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "the broker's log and settings; formatted on first start, kept across restarts")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "client port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--controller-port", defaultValue = "9192",
            description = "KRaft controller port (default: ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on and advertise (default: ${DEFAULT-VALUE})")
    String host;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KafkaBroker broker = KafkaBroker.start(host, port, controllerPort, dataDir);
        Thread stop = new Thread(broker::close, "redflag-kafka-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        out.println("kafka broker ready on " + broker.bootstrapServers() + " (controller on " + host + ":"
                + controllerPort + ", data in " + dataDir.toAbsolutePath() + ")");
        out.flush();
        broker.awaitShutdown();
        return 0;
    }
}
