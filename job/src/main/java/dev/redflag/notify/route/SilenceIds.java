package dev.redflag.notify.route;

import dev.redflag.labels.Matcher;
import dev.redflag.labels.MatcherSyntax;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The id of a new silence, derived from the silence and the time it was added, so it is short,
 * stable in tests, and different for the same silence added twice; shared by
 * {@code redflag silence add} and the Snooze of {@code redflag slack-actions}.
 */
public final class SilenceIds {

    private SilenceIds() {
    }

    /** The first 8 hex digits of a SHA-256 over the silence and when it was added; more if those are taken. */
    public static String of(List<Matcher> matchers, Instant starts, Instant ends, String author, String comment,
                     Instant added, Set<String> taken) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Matcher m : matchers) {
            update(sha, MatcherSyntax.format(m));
        }
        for (String part : List.of(starts.toString(), ends.toString(), author, comment, added.toString())) {
            update(sha, part);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        for (int length = 8; length < hex.length(); length += 2) {
            if (!taken.contains(hex.substring(0, length))) {
                return hex.substring(0, length);
            }
        }
        return hex;
    }

    private static void update(MessageDigest sha, String part) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
