package dev.redflag.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Debian service binary run for a test, the part {@link AlertmanagerProcess} and
 * {@link PrometheusProcess} share: it listens on a free loopback port and keeps its files in its
 * own temporary directory, so that tests neither depend on nor disturb anything else on the
 * machine; {@link #start} returns once it answers {@code /-/ready}; its output goes to a file
 * that failure messages quote. What it is started with is the caller's.
 */
final class ServiceProcess implements AutoCloseable {

    /** What the service is started with. */
    @FunctionalInterface
    interface Command {
        /**
         * The command line of a service that listens on {@code 127.0.0.1:port} and keeps its files
         * (configuration, storage) in {@code directory}, writing there what it needs first.
         */
        List<String> of(Path directory, int port) throws IOException;
    }

    private static final int START_ATTEMPTS = 3;

    private enum Readiness { STARTING, READY, EXITED }

    private final String name;
    private final Process process;
    private final Path directory;
    private final Path log;
    private final URI baseUri;
    private final Instant started;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, Process process, Path directory, Path log, URI baseUri, Instant started) {
        this.name = name;
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.baseUri = baseUri;
        this.started = started;
    }

    /**
     * Starts {@code command} and waits until it is ready.
     *
     * @param name what failure messages and its files call it, e.g. {@code Prometheus}
     * @throws IllegalStateException when it exits or is not ready in time (with its log)
     */
    static ServiceProcess start(String name, Duration readyTimeout, Command command)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ServiceProcess service = launch(name, command);
            Readiness readiness;
            try {
                readiness = Await.until(readyTimeout, service::readiness, r -> r != Readiness.STARTING);
            } catch (AssertionError notReady) {
                String output = service.log();
                service.close();
                throw new IllegalStateException(name + " was not ready within " + readyTimeout
                        + "; its log:\n" + output, notReady);
            }
            if (readiness == Readiness.READY) {
                return service;
            }
            String output = service.log();
            service.close();
            // the free port was taken between choosing and binding it: choose another
            if (attempt >= START_ATTEMPTS || !output.contains("address already in use")) {
                throw new IllegalStateException(name + " exited with " + service.process.exitValue()
                        + " before it was ready; its log:\n" + output);
            }
        }
    }

    /** A port nothing listens on right now, for a process the test starts. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI baseUri() {
        return baseUri;
    }

    /** When the process that became ready was launched. */
    Instant started() {
        return started;
    }

    /** Everything it has logged so far, for failure messages. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and deletes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing a test over
        }
    }

    @Override
    public String toString() {
        return name + " at " + baseUri;
    }

    private static ServiceProcess launch(String name, Command command) throws IOException {
        String file = name.toLowerCase(Locale.ROOT);
        Path directory = Files.createTempDirectory("redflag-" + file + "-");
        int port = freePort();
        List<String> line = command.of(directory, port);
        Path log = directory.resolve(file + ".log");
        Process process = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant started = Instant.now();
        return new ServiceProcess(name, process, directory, log, URI.create("http://127.0.0.1:" + port), started);
    }

    private Readiness readiness() {
        if (!process.isAlive()) {
            return Readiness.EXITED;
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? Readiness.READY : Readiness.STARTING;
        } catch (IOException e) {
            return Readiness.STARTING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.EXITED;
        }
    }
}
