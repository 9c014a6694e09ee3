package dev.redflag.notify.route;

import dev.redflag.labels.Labels;
import dev.redflag.labels.Matcher;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person's decision to stop notifications about matching alerts for a while, with who and why
 * kept next to it so that the next person on call can tell whether it may be lifted.
 *
 * @param startsAt inclusive
 * @param endsAt   exclusive
 */
public record Silence(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
                      String id) implements Serializable {

    public Silence {
        matchers = List.copyOf(matchers);
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("silence " + id + " ends at " + endsAt + ", not after its start "
                    + startsAt);
        }
    }

    public boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        return Labels.matchAll(matchers, labels);
    }

    /** Whether matchers hold for an alert without labels too, so that they would silence every alert. */
    public static boolean silencesEverything(List<Matcher> matchers) {
        return matchers.stream().allMatch(m -> m.matches(""));
    }
}
