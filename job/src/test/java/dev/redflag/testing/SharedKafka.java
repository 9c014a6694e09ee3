package dev.redflag.testing;

import dev.redflag.demo.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.UUID;

/**
 * One real KRaft broker for the whole integration suite, started on first use and closed when the
 * test run ends; each test makes its own topics with {@link #topic}.
 */
public final class SharedKafka implements BeforeAllCallback {

    private static final String KEY = SharedKafka.class.getName();

    private record Broker(EmbeddedKafka kafka) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            kafka.close();
        }
    }

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> {
                    try {
                        return new Broker(EmbeddedKafka.start(null));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start the test broker", e);
                    }
                }, Broker.class).kafka();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A new compacted topic with a unique name. */
    public String compactedTopic(String prefix) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createCompactedTopic(name);
        return name;
    }

    /** A new topic with a unique name. */
    public String topic(String prefix, int partitions) throws Exception {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopics(partitions, List.of(name));
        return name;
    }
}
