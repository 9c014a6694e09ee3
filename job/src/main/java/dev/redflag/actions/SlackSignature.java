package dev.redflag.actions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Slack's v0 request signing: {@code X-Slack-Signature: v0=<hex>}, the HMAC-SHA256 with the app's
 * signing secret over {@code v0:<X-Slack-Request-Timestamp>:<raw body>}. A request more than
 * {@link #MAX_AGE} away from now is refused whatever its signature, so a captured request cannot
 * be played again later; within that window {@link ReplayGuard} refuses a second copy. The
 * comparison takes the same time wherever the first wrong byte is.
 */
public final class SlackSignature {

    /** How far a request's timestamp may be from now, either way. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    static final String VERSION = "v0";

    /** What a request's signature headers say. */
    public enum Check { VALID, MISSING, STALE, FORGED }

    private final byte[] secret;

    public SlackSignature(String signingSecret) {
        Objects.requireNonNull(signingSecret, "signingSecret");
        if (signingSecret.isBlank()) {
            throw new IllegalArgumentException("the Slack signing secret is empty");
        }
        this.secret = signingSecret.strip().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param timestamp the {@code X-Slack-Request-Timestamp} header, epoch seconds; null when absent
     * @param signature the {@code X-Slack-Signature} header; null when absent
     */
    public Check check(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return Check.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Check.FORGED;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > MAX_AGE.toSeconds()) {
            return Check.STALE;
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Check.VALID : Check.FORGED;
    }

    /** The {@code X-Slack-Signature} Slack sends for this timestamp and body: {@code v0=<hex>}. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SlackSignature[secret=***]";
    }
}
