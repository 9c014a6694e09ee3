package dev.redflag.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Alertmanager for integration tests: Debian's {@code prometheus-alertmanager} on a free
 * loopback port, with its own temporary storage, a configuration whose only receiver does nothing,
 * and gossip off, so that tests neither depend on nor disturb anything else on the machine.
 * {@link #start()} returns once it answers {@code /-/ready}; its log goes to a file that failure
 * messages quote. Read what it holds with {@link #alerts()} ({@link AlertmanagerApi}).
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final String CONFIG = """
            route:
              receiver: "null"
            receivers:
              - name: "null"
            """;

    private final ServiceProcess service;
    private final AlertmanagerApi api;

    private AlertmanagerProcess(ServiceProcess service) {
        this.service = service;
        this.api = new AlertmanagerApi(service.baseUri());
    }

    /**
     * Starts one and waits until it is ready.
     *
     * @throws IllegalStateException when {@link Program#ALERTMANAGER} is missing, or it exits or is
     *                               not ready in time (with its log)
     */
    public static AlertmanagerProcess start() throws IOException, InterruptedException {
        Path binary = Program.ALERTMANAGER.path();
        return new AlertmanagerProcess(ServiceProcess.start("Alertmanager", READY_TIMEOUT,
                (directory, port) -> command(binary, directory, port)));
    }

    /** {@code http://127.0.0.1:<port>}, the URL to post alerts to. */
    public URI baseUri() {
        return service.baseUri();
    }

    /**
     * The alerts Alertmanager holds that have not ended ({@code GET /api/v2/alerts}): active ones and
     * silenced or inhibited ones. Alertmanager 0.25 leaves out alerts whose {@code endsAt} has passed,
     * so a resolved alert is no longer in the list.
     */
    public List<AlertmanagerApi.Alert> alerts() {
        try {
            return api.alerts();
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "\nAlertmanager log:\n" + log(), e);
        }
    }

    /** Everything it has logged so far, for failure messages. */
    public String log() {
        return service.log();
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and deletes its files. */
    @Override
    public void close() {
        service.close();
    }

    @Override
    public String toString() {
        return service.toString();
    }

    /** Gossip off: a test's Alertmanager must not find another on the network. */
    private static List<String> command(Path binary, Path directory, int port) throws IOException {
        Path config = Files.writeString(directory.resolve("alertmanager.yml"), CONFIG);
        return List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug");
    }
}
