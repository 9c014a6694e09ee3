package dev.redflag.event;

import java.nio.charset.StandardCharsets;

/**
 * A record the job could not use, with the original key and bytes, the reason and the source
 * coordinates ({@code offset} is a line number when the source is a file).
 */
public record DeadLetter(DeadLetterReason reason, String detail, byte[] key, byte[] raw,
                         String topic, int partition, long offset) {

    /** The original bytes as text, for people reading a report; invalid UTF-8 is replaced. */
    public String rawText() {
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }
}
