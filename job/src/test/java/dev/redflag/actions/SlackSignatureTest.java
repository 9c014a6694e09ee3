package dev.redflag.actions;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlackSignatureTest {

    /** The example of Slack's "Verifying requests from Slack" page. */
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant THEN = Instant.ofEpochSecond(1531420618);

    private final SlackSignature signature = new SlackSignature(SECRET);

    @Test
    void signsAsSlackDoes() {
        assertThat(signature.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(signature.check(TIMESTAMP, SIGNATURE, BODY, THEN)).isEqualTo(SlackSignature.Check.VALID);
    }

    @Test
    void fiveMinutesEitherWayIsTheLimit() {
        assertThat(signature.check(TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(300))).isEqualTo(SlackSignature.Check.VALID);
        assertThat(signature.check(TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(301))).isEqualTo(SlackSignature.Check.STALE);
        assertThat(signature.check(TIMESTAMP, SIGNATURE, BODY, THEN.minusSeconds(301))).isEqualTo(SlackSignature.Check.STALE);
    }

    @Test
    void anyChangeIsForgedAndMissingHeadersAreMissing() {
        byte[] changed = BODY.clone();
        changed[6]++;
        assertThat(signature.check(TIMESTAMP, SIGNATURE, changed, THEN)).isEqualTo(SlackSignature.Check.FORGED);
        assertThat(signature.check("1531420619", SIGNATURE, BODY, THEN)).isEqualTo(SlackSignature.Check.FORGED);
        assertThat(signature.check(TIMESTAMP, SIGNATURE.toUpperCase(), BODY, THEN)).isEqualTo(SlackSignature.Check.FORGED);
        assertThat(signature.check("soon", SIGNATURE, BODY, THEN)).isEqualTo(SlackSignature.Check.FORGED);
        assertThat(new SlackSignature("another").check(TIMESTAMP, SIGNATURE, BODY, THEN))
                .isEqualTo(SlackSignature.Check.FORGED);
        assertThat(signature.check(null, SIGNATURE, BODY, THEN)).isEqualTo(SlackSignature.Check.MISSING);
        assertThat(signature.check(TIMESTAMP, null, BODY, THEN)).isEqualTo(SlackSignature.Check.MISSING);
        assertThat(signature.toString()).doesNotContain(SECRET);
    }
}
