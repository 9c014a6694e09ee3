package dev.redflag.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the integration tests that run the whole job on a mini cluster share: restarts, events, probes. */
final class MiniClusterJobs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MiniClusterJobs() {
    }

    /** Up to 5 restarts, 200 ms apart: a killed task manager is a failover, not the end of the test. */
    static Configuration restarts() {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "5");
        conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
        return conf;
    }

    /** A session event of tenant acme on {@code page}; one page view is a bounce. */
    static String session(String ts, String page, int pageviews) {
        return "{\"type\":\"session\",\"ts\":\"" + ts + "\",\"tenant\":\"acme\",\"session_id\":\"s-" + page + ts
                + "\",\"page\":\"" + page + "\",\"channel\":\"seo\",\"pageviews\":" + pageviews + "}";
    }

    /** Checkpoints the job has completed, from the cluster's REST API; 0 until it answers. */
    static long completedCheckpoints(URI restAddress, JobClient job) {
        try {
            URI uri = restAddress.resolve("/jobs/" + job.getJobID() + "/checkpoints");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("counts").path("completed").asLong(0);
        } catch (Exception notYet) {
            return 0;
        }
    }

    /** The job's Prometheus endpoint; empty until it is up. */
    static String scrapeQuietly(int port) {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception notUpYet) {
            return "";
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
