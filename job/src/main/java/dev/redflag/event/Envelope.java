package dev.redflag.event;

/**
 * A source record on its way from the source to the event gate: the decoded event or why it could
 * not be decoded, together with the original bytes and where they came from, so that any later
 * verdict (late, too far ahead) can still dead-letter the record exactly as it arrived.
 * A mutable POJO so that Flink's POJO serializer handles it; never kept in state.
 */
public class Envelope {
    public Event event;
    public DeadLetterReason reason;
    public String detail;
    public byte[] key;
    public byte[] raw;
    public String topic;
    public int partition;
    public long offset;

    public Envelope() {
    }

    public static Envelope of(Decoded decoded, byte[] key, byte[] raw, String topic, int partition,
                              long offset) {
        Envelope e = new Envelope();
        e.event = decoded.event();
        e.reason = decoded.reason();
        e.detail = decoded.detail();
        e.key = key;
        e.raw = raw;
        e.topic = topic;
        e.partition = partition;
        e.offset = offset;
        return e;
    }

    public boolean isEvent() {
        return event != null;
    }

    public DeadLetter toDeadLetter() {
        return new DeadLetter(reason, detail, key, raw, topic, partition, offset);
    }

    public DeadLetter toDeadLetter(DeadLetterReason verdict, String why) {
        return new DeadLetter(verdict, why, key, raw, topic, partition, offset);
    }
}
