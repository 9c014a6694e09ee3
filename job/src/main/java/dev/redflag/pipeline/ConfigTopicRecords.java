package dev.redflag.pipeline;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One kind of record from the compacted config topic, which carries the rule set under the key
 * {@code rules} and the silences file under {@code silences}: each reader takes its own key and
 * skips the rest. A record without a key counts as a rule set, as the first publishers wrote them.
 */
final class ConfigTopicRecords implements KafkaRecordDeserializationSchema<String> {

    static final String RULES = "rules";
    static final String SILENCES = "silences";

    private final byte[] key;
    private final boolean takesUnkeyed;

    private ConfigTopicRecords(String key, boolean takesUnkeyed) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.takesUnkeyed = takesUnkeyed;
    }

    static ConfigTopicRecords rules() {
        return new ConfigTopicRecords(RULES, true);
    }

    static ConfigTopicRecords silences() {
        return new ConfigTopicRecords(SILENCES, false);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
        byte[] k = record.key();
        boolean mine = k == null ? takesUnkeyed : Arrays.equals(k, key);
        if (mine && record.value() != null) {
            out.collect(new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
