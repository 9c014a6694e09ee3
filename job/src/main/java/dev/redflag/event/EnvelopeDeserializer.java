package dev.redflag.event;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Kafka records inside the source reader, so that event timestamps and watermarks are taken
 * per partition. Never throws: a record that does not decode travels on as a dead-letter envelope.
 */
public class EnvelopeDeserializer implements KafkaRecordDeserializationSchema<Envelope> {

    private transient EventDecoder decoder;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope> out) {
        if (decoder == null) {
            decoder = new EventDecoder();
        }
        byte[] value = record.value() == null ? new byte[0] : record.value();
        out.collect(Envelope.of(decoder.decode(value), record.key(), value, record.topic(),
                record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<Envelope> getProducedType() {
        return TypeInformation.of(Envelope.class);
    }
}
