package dev.redflag.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redflag.event.DeadLetterReason;
import dev.redflag.event.Decoded;
import dev.redflag.event.EventDecoder;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MalformationTest {

    private final EventDecoder decoder = new EventDecoder();

    @ParameterizedTest
    @EnumSource(Malformation.class)
    void eachKindIsDeadLetteredForItsReason(Malformation kind) {
        long at = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
        RecordWriter w = new RecordWriter();
        String good = w.begin("session", at, "acme").str("session_id", "acme-s1").str("page", "/")
                .num("pageviews", 1).end();
        assertThat(decode(good).isOk()).isTrue();
        DeadLetterReason expected = switch (kind) {
            case TRUNCATED -> DeadLetterReason.NOT_JSON;
            case UNKNOWN_TYPE -> DeadLetterReason.UNKNOWN_TYPE;
            case NPS_SCORE_OUT_OF_RANGE, NEGATIVE_ORDER_AMOUNT -> DeadLetterReason.OUT_OF_RANGE;
        };
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            String bad = kind.line(r, w, good, at, "acme", i);
            Decoded d = decode(bad);
            assertThat(d.reason()).as(bad).isEqualTo(expected);
        }
    }

    private Decoded decode(String s) {
        return decoder.decode(s.getBytes(UTF_8));
    }
}
