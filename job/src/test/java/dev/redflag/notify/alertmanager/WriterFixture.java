package dev.redflag.notify.alertmanager;

import dev.redflag.alert.AlertEvent;
import dev.redflag.metrics.MetricsHub;
import dev.redflag.notify.delivery.RecordingSleeper;
import dev.redflag.notify.delivery.RetryPolicy;
import dev.redflag.notify.delivery.Sleeper;
import io.micrometer.core.instrument.Counter;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the writer's tests share: a metrics hub, a client over real HTTP whose quick retries do not
 * wait, the writers a test opens (closed with it), and a receiver's counters and gauges.
 */
final class WriterFixture implements AutoCloseable {

    private final MetricsHub hub = MetricsHub.start(0);
    private final AlertmanagerClient client = new AlertmanagerClient(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), RetryPolicy.defaults(),
            new RecordingSleeper());
    private final List<AlertmanagerWriter> writers = new ArrayList<>();

    MetricsHub hub() {
        return hub;
    }

    /** A writer on this fixture's client and hub, closed with the fixture. */
    AlertmanagerWriter open(AlertmanagerSettings settings, InstantSource clock, Collection<AlertEvent> restored,
                            int maxBatch, int maxWaiting, Sleeper sleeper, RandomGenerator random) {
        AlertmanagerWriter writer = AlertmanagerWriter.open(settings, client, hub, clock, restored, maxBatch,
                maxWaiting, sleeper, random);
        writers.add(writer);
        return writer;
    }

    /** {@code redflag_notifications_total} of {@code receiver} ({@code host:port}) with {@code outcome}; 0 before the first. */
    double notifications(String outcome, String receiver) {
        Counter counter = hub.registry().find("redflag_notifications").tags("integration", "alertmanager",
                "receiver", receiver, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A backlog gauge of {@code receiver}. */
    double gauge(String name, String receiver) {
        return hub.registry().get(name).tags("integration", "alertmanager", "receiver", receiver).gauge().value();
    }

    @Override
    public void close() {
        writers.forEach(AlertmanagerWriter::close);
        hub.close();
    }
}
