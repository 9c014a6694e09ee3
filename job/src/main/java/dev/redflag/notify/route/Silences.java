package dev.redflag.notify.route;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The notify stage that mutes by silence. A value rather than a store: adding a silence yields
 * a new {@code Silences}, so a running job can swap the set it consults atomically.
 */
public record Silences(List<Silence> silences) implements java.io.Serializable {

    public static final Silences NONE = new Silences(List.of());

    public Silences {
        silences = List.copyOf(silences);
    }

    public boolean isSilenced(Map<String, String> labels, Instant now) {
        return !silencedBy(labels, now).isEmpty();
    }

    /** The active silences that match, for "silenced by 3f2a… (alice: deploy)" messages. */
    public List<Silence> silencedBy(Map<String, String> labels, Instant now) {
        return silences.stream().filter(s -> s.isActive(now) && s.matches(labels)).toList();
    }

    /** Without the silences that have ended by {@code now}, for tidying the file. */
    public Silences withoutExpired(Instant now) {
        return new Silences(silences.stream().filter(s -> !s.isExpired(now)).toList());
    }
}
