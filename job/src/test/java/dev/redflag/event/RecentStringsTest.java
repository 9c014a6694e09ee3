package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentStringsTest {

    private final RecentStrings recent = new RecentStrings();

    private static char[] buffer(String s) {
        return s.toCharArray();
    }

    @Test
    void aRepeatedValueIsTheSameInstance() {
        String first = recent.of(buffer("xxacmeyy"), 2, 4);
        String second = recent.of(buffer("acme"), 0, 4);

        assertThat(first).isEqualTo("acme");
        assertThat(second).isSameAs(first);
    }

    @Test
    void anotherValueIsItsOwnString() {
        String acme = recent.of(buffer("acme"), 0, 4);
        String globex = recent.of(buffer("globex"), 0, 6);
        String acmf = recent.of(buffer("acmf"), 0, 4);

        assertThat(globex).isEqualTo("globex");
        assertThat(acmf).isEqualTo("acmf");
        assertThat(recent.of(buffer("acme"), 0, 4)).isEqualTo(acme);
    }

    @Test
    void valuesSharingASlotReplaceEachOtherButStayCorrect() {
        // "Aa" and "BB" have the same String hash, so the same slot
        String aa = recent.of(buffer("Aa"), 0, 2);
        String bb = recent.of(buffer("BB"), 0, 2);
        String again = recent.of(buffer("Aa"), 0, 2);

        assertThat(aa).isEqualTo("Aa");
        assertThat(bb).isEqualTo("BB");
        assertThat(again).isEqualTo("Aa").isNotSameAs(aa);
    }

    @Test
    void theEmptyStringAndLongValues() {
        String longValue = "x".repeat(65);

        assertThat(recent.of(buffer("ab"), 1, 0)).isEmpty();
        assertThat(recent.of(buffer(longValue), 0, 65)).isEqualTo(longValue);
        assertThat(recent.of(buffer(longValue), 0, 65)).isNotSameAs(recent.of(buffer(longValue), 0, 65));
    }

    @Test
    void equalComparesLengthAndEveryCharacter() {
        char[] chars = buffer("--page--");

        assertThat(RecentStrings.equal("page", chars, 2, 4)).isTrue();
        assertThat(RecentStrings.equal("pag", chars, 2, 4)).isFalse();
        assertThat(RecentStrings.equal("pagf", chars, 2, 4)).isFalse();
        assertThat(RecentStrings.equal("-pag", chars, 2, 4)).isFalse();
    }
}
