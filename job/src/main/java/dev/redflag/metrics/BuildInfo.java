package dev.redflag.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What was built and what it runs on, as {@code redflag_build_info{version, revision, java_version,
 * flink_version} 1} in the manner of Prometheus' own {@code prometheus_build_info}: a dashboard joins
 * on it to show which build each TaskManager runs, and a rollout shows as two versions at once.
 *
 * @param version  the Maven project version
 * @param revision the abbreviated git commit the jar was built from, {@code unknown} when built
 *                 outside a git checkout
 */
public record BuildInfo(String version, String revision, String javaVersion, String flinkVersion) {

    private static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    /** This build, on this JVM and Flink. */
    public static BuildInfo current() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the redflag jar", e);
        }
        return new BuildInfo(filled(build.getProperty("version")), filled(build.getProperty("revision")),
                System.getProperty("java.version", UNKNOWN), EnvironmentInformation.getVersion());
    }

    /** A property Maven filled in, or {@code unknown} for one it left as a placeholder (no git, no filtering). */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }

    /**
     * Registers {@code redflag_build_info}: an info metric of the Prometheus client, a gauge at 1 in
     * the text format and {@code info} in OpenMetrics (micrometer has no info type).
     */
    void register(PrometheusRegistry registry) {
        Info info = Info.builder()
                .name("redflag_build_info")
                .help("Always 1; the labels say which build of redflag runs, on which Java and Flink")
                .labelNames("version", "revision", "java_version", "flink_version")
                .register(registry);
        info.setLabelValues(version, revision, javaVersion, flinkVersion);
    }
}
