package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

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

    @Test
    void asciiBytesAreSharedLikeCharacters() {
        byte[] record = "xxacmeyy/pricing/plans/annual/yearly".getBytes(ISO_8859_1);
        // short values from words, longer ones from their bytes: the same answers
        String first = recent.ofAscii(record, 2, 4);
        String longer = recent.ofAscii(record, 8, 28);

        assertThat(first).isEqualTo("acme");
        assertThat(recent.ofAscii("acme".getBytes(ISO_8859_1), 0, 4)).isSameAs(first);
        assertThat(longer).isEqualTo("/pricing/plans/annual/yearly");
        assertThat(recent.ofAscii("/pricing/plans/annual/yearly".getBytes(ISO_8859_1), 0, 28)).isSameAs(longer);
        // same length, first and last eight bytes: the same slot, told apart by the whole comparison
        String other = recent.ofAscii("/pricing/PLANS/annual/yearly".getBytes(ISO_8859_1), 0, 28);
        assertThat(other).isEqualTo("/pricing/PLANS/annual/yearly");
        assertThat(recent.ofAscii(record, 8, 28)).isEqualTo(longer).isNotSameAs(longer);
        assertThat(recent.ofAscii(record, 2, 0)).isEmpty();
        assertThat(recent.ofAscii(record, 2, 3)).isEqualTo("acm");
    }

    @Test
    void asciiValuesLongerThanTheLimitAreCopied() {
        byte[] record = "x".repeat(65).getBytes(ISO_8859_1);

        assertThat(recent.ofAscii(record, 0, 65)).isEqualTo("x".repeat(65))
                .isNotSameAs(recent.ofAscii(record, 0, 65));
    }

    @Test
    void shortAsciiValuesAreToldApartByEveryByteAndTheirLength() {
        byte[] record = "acme\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000abcdefghijklmnop-------------------".getBytes(ISO_8859_1);
        String acme = recent.ofAscii(record, 0, 4);
        // the same bytes with zeros after: a different length, a different string
        String padded = recent.ofAscii(record, 0, 5);
        String empty = recent.ofAscii(record, 4, 0);
        String sixteen = recent.ofAscii(record, 16, 16);
        String fifteen = recent.ofAscii(record, 16, 15);

        assertThat(acme).isEqualTo("acme");
        assertThat(padded).isEqualTo("acme\u0000");
        assertThat(empty).isEmpty();
        assertThat(sixteen).isEqualTo("abcdefghijklmnop");
        assertThat(fifteen).isEqualTo("abcdefghijklmno");
        assertThat(recent.ofAscii("xacme\"".getBytes(ISO_8859_1), 1, 4)).as("near the array's end").isSameAs(acme);
        assertThat(recent.ofAscii(record, 0, 4)).isSameAs(acme);
        assertThat(recent.ofAscii(record, 16, 16)).isSameAs(sixteen);
        for (int n = 0; n <= 16; n++) {
            assertThat(recent.ofAscii(record, 16, n)).isEqualTo("abcdefghijklmnop".substring(0, n));
        }
    }
}
