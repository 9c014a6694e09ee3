package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack as a test sees it: {@code deploy/local/redflag-local} run with its own directory and
 * free ports, so that tests neither depend on nor disturb a stack a developer runs, and Flink's REST
 * API for what the job is doing. Every command is the one a person types; a failing one fails the test
 * with its output.
 */
final class LocalStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final Path script;
    private final Path directory;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int kafkaPort;
    private final int restPort;
    private final int metricsPort;
    private final int alertmanagerPort;
    private final int flinkMetricsPort;

    /**
     * @param extraEnv handed to every process the script starts (the TaskManagers read Slack's settings)
     */
    LocalStack(Path directory, Map<String, String> extraEnv) throws IOException {
        this.script = Path.of(System.getProperty("redflag.local.script", "redflag-local")).toAbsolutePath();
        this.directory = directory;
        kafkaPort = freePorts(1);
        restPort = freePorts(1);
        metricsPort = freePorts(2);
        alertmanagerPort = freePorts(1);
        env.put("REDFLAG_LOCAL_DIR", directory.toString());
        env.put("REDFLAG_LOCAL_NO_BUILD", "1");
        env.put("KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(freePorts(1)));
        env.put("FLINK_REST_PORT", Integer.toString(restPort));
        env.put("FLINK_RPC_PORT", Integer.toString(freePorts(1)));
        flinkMetricsPort = freePorts(3);
        env.put("FLINK_METRICS_PORT", Integer.toString(flinkMetricsPort));
        env.put("METRICS_PORT", Integer.toString(metricsPort));
        env.put("PROMETHEUS_PORT", Integer.toString(freePorts(1)));
        env.put("ALERTMANAGER_PORT", Integer.toString(alertmanagerPort));
        env.put("TM_MEMORY", "1024m");
        env.put("JM_MEMORY", "768m");
        env.putAll(extraEnv);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The redflag endpoint's port range, one port per TaskManager: {@code metrics.port} of a job config. */
    String metricsPorts() {
        return metricsPort + "-" + (metricsPort + 1);
    }

    List<Integer> metricsPortList() {
        return List.of(metricsPort, metricsPort + 1);
    }

    /** {@code http://127.0.0.1:<port>} of the stack's Alertmanager, where the job posts alerts once its config says so. */
    URI alertmanagerUri() {
        return URI.create("http://127.0.0.1:" + alertmanagerPort);
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes {@code file}, the config of a job on this stack: consumer group {@code name} and topics
     * {@code name-events}, {@code -dlq}, {@code -kpis}, {@code -rules}, {@code -alerts}; KPIs at
     * {@code windows}; RocksDB with incremental checkpoints in {@code checkpoints} every
     * {@code checkpointInterval}; the stack's metrics ports; the {@code routes} file; and, when
     * {@code toAlertmanager}, alerts posted to the stack's Alertmanager.
     */
    Path writeJobConfig(Path file, String name, int parallelism, String windows, Path checkpoints,
                        Duration checkpointInterval, Path routes, boolean toAlertmanager) throws IOException {
        String alertmanager = toAlertmanager ? """
                  alertmanager:
                    urls: [%s]
                """.formatted(alertmanagerUri()) : "";
        return Files.writeString(file, """
                kafka:
                  bootstrap-servers: %s
                  group-id: %s
                  start-from: earliest
                  topics: {events: [%s-events], dead-letters: %s-dlq, kpis: %s-kpis, rules: %s-rules, alerts: %s-alerts}
                event-time:
                  max-out-of-orderness: 1s
                  idleness: 1m
                  allowed-lateness: 1m
                kpis:
                  windows: %s
                state:
                  backend: rocksdb
                  checkpoint-dir: %s
                  checkpoint-interval: %ds
                  incremental: true
                metrics:
                  port: %s
                notify:
                  routes: %s
                %sparallelism: %d
                """.formatted(bootstrapServers(), name, name, name, name, name, name, windows, checkpoints.toUri(),
                checkpointInterval.toSeconds(), metricsPorts(), routes, alertmanager, parallelism));
    }

    /** Runs {@code redflag-local ARGS...}; returns its output, or fails with it. */
    String run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code redflag-local ARGS...} with more environment variables. */
    String run(Map<String, String> moreEnv, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().putAll(moreEnv);
        try {
            Path output = Files.createTempFile(directory, "command-", ".out");
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("redflag-local " + String.join(" ", args) + " did not finish within "
                        + COMMAND_TIMEOUT + ":\n" + Files.readString(output) + logs());
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new AssertionError("redflag-local " + String.join(" ", args) + " exited with "
                        + process.exitValue() + ":\n" + text + logs());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The name Flink shows for a job ("redflag 0.1.0"). */
    String jobName(String jobId) {
        return rest("/jobs/" + jobId).path("name").asText();
    }

    /** The id of the job the script submitted last. */
    String jobId() {
        try {
            return Files.readString(directory.resolve("job.id")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET} on Flink's REST API; null when it does not answer 200. */
    JsonNode rest(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + restPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A job's state and checkpoint counts at one moment, as Flink's REST API reports them. */
    record JobStatus(String state, boolean allRunning, long completedCheckpoints, long lastCheckpointAck,
                     long restoredAt) {
    }

    JobStatus status(String jobId) {
        JsonNode job = rest("/jobs/" + jobId);
        JsonNode checkpoints = rest("/jobs/" + jobId + "/checkpoints");
        if (job == null) {
            return new JobStatus("UNKNOWN", false, 0, 0, 0);
        }
        boolean allRunning = job.path("vertices").size() > 0;
        for (JsonNode v : job.path("vertices")) {
            allRunning &= v.path("status").asText().equals("RUNNING");
        }
        JsonNode latest = checkpoints == null ? null : checkpoints.path("latest");
        return new JobStatus(job.path("state").asText(), allRunning,
                checkpoints == null ? 0 : checkpoints.path("counts").path("completed").asLong(),
                latest == null ? 0 : latest.path("completed").path("latest_ack_timestamp").asLong(0),
                latest == null ? 0 : latest.path("restored").path("restore_timestamp").asLong(0));
    }

    /** What redflag's endpoints of both TaskManagers serve, one after the other; a silent one adds nothing. */
    String scrapeMetrics() {
        StringBuilder all = new StringBuilder();
        for (int port : metricsPortList()) {
            try {
                all.append(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException notServing) {
                // this TaskManager has no redflag operator, or is restarting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return all.toString();
    }

    /** The TaskManager ({@code taskmanager-N}) that runs the first vertex whose name starts with {@code prefix}. */
    String taskManagerRunning(String jobId, String prefix) {
        JsonNode job = rest("/jobs/" + jobId);
        for (JsonNode v : job.path("vertices")) {
            if (v.path("name").asText().startsWith(prefix)) {
                JsonNode tms = rest("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers");
                return tms.path("taskmanagers").get(0).path("taskmanager-id").asText();
            }
        }
        throw new AssertionError("no vertex named " + prefix + "... in job " + jobId);
    }

    /**
     * What Flink's Prometheus reporter of {@code taskmanager-N} serves (its port is the JobManager's plus N);
     * empty when it does not answer.
     */
    String scrapeFlinkReporter(int taskManager) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (flinkMetricsPort + taskManager)
                    + "/metrics")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notServing) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The process id of a component the script started ({@code pids/NAME.pid}), -1 when there is none. */
    long pidOf(String component) {
        try {
            return Long.parseLong(Files.readString(directory.resolve("pids").resolve(component + ".pid")).strip());
        } catch (IOException | NumberFormatException none) {
            return -1;
        }
    }

    /** The last lines of every log, for failure messages. */
    String logs() {
        StringBuilder out = new StringBuilder();
        Path logs = directory.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                out.append("\n==> ").append(file.getFileName()).append(" <==\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("(cannot read the logs: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    @Override
    public void close() {
        run("down", "--no-savepoint");
    }

    /** The first of {@code count} consecutive free loopback ports. */
    private static int freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IOException("no " + count + " consecutive free ports found");
    }

    private static boolean allFree(int first, int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                held.add(new ServerSocket(port)); // the wildcard address: taken if any address holds the port
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // freeing a probe socket
                }
            }
        }
    }
}
