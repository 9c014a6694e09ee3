package dev.redflag.notify.route;

import dev.redflag.labels.MatcherSyntax;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.redflag.notify.route.Fixtures.at;
import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilencesTest {

    private static final Instant START = at("2026-11-24T10:00:00Z");
    private static final Instant END = at("2026-11-24T12:00:00Z");

    private static Silence silence(String id, Instant start, Instant end, String... matchers) {
        return new Silence(List.of(matchers).stream().map(MatcherSyntax::parse).toList(), start, end, "alice",
                "resend planned", id);
    }

    private final Silence bounce = silence("s1", START, END, "alertname=\"HighBounceRate\"", "tenant=~\"acme|beta\"",
            "env!=\"staging\"");
    private final Silences silences = new Silences(List.of(bounce));
    private final Map<String, String> acme = labels("alertname", "HighBounceRate", "tenant", "acme");

    @Test
    void aSilenceMutesMatchingAlertsFromItsStartUntilJustBeforeItsEnd() {
        assertThat(silences.isSilenced(acme, START.minusMillis(1))).as("not yet").isFalse();
        assertThat(silences.isSilenced(acme, START)).isTrue();
        assertThat(silences.isSilenced(acme, END.minusMillis(1))).isTrue();
        assertThat(silences.isSilenced(acme, END)).as("expired").isFalse();
        assertThat(silences.silencedBy(acme, START)).containsExactly(bounce);
    }

    @Test
    void everyMatcherMustHold() {
        assertThat(silences.isSilenced(labels("alertname", "HighBounceRate", "tenant", "gamma"), START)).isFalse();
        assertThat(silences.isSilenced(labels("alertname", "HighBounceRate", "tenant", "acme", "env", "staging"),
                START)).isFalse();
        assertThat(silences.isSilenced(labels("alertname", "Other", "tenant", "acme"), START)).isFalse();
    }

    @Test
    void expiredSilencesCanBeDroppedAndPendingOnesKept() {
        Silence later = silence("s2", END, END.plusSeconds(3600), "alertname=\"X\"");
        Silences both = new Silences(List.of(bounce, later));
        assertThat(both.withoutExpired(END).silences()).containsExactly(later);
        assertThat(bounce.isExpired(END)).isTrue();
        assertThat(later.isActive(END.minusMillis(1))).isFalse();
    }

    @Test
    void aSilenceMustEndAfterItStarts() {
        assertThatThrownBy(() -> silence("bad", END, START, "a=\"b\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not after its start");
    }
}
