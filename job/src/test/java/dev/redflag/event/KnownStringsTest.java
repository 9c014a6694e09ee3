package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownStringsTest {

    private final String open = "open";
    private final KnownStrings actions = new KnownStrings(List.of("sent", open, "click"));

    @Test
    void aKnownValueIsTheSharedName() {
        assertThat(actions.find("{open}".toCharArray(), 1, 4)).isSameAs(open);
    }

    @Test
    void anythingElseIsNotFound() {
        assertThat(actions.find("ope".toCharArray(), 0, 3)).isNull();
        assertThat(actions.find("opened".toCharArray(), 0, 6)).isNull();
        assertThat(actions.find("OPEN".toCharArray(), 0, 4)).isNull();
        assertThat(actions.find(new char[0], 0, 0)).isNull();
    }

    @Test
    void aKnownValueIsFoundInAsciiBytesAndNothingElseIs() {
        byte[] record = "{open}opened".getBytes(ISO_8859_1);

        assertThat(actions.findAscii(record, 1, 4)).isSameAs(open);
        assertThat(actions.findAscii(record, 1, 3)).isNull();
        assertThat(actions.findAscii(record, 6, 6)).isNull();
        assertThat(actions.findAscii("OPEN".getBytes(ISO_8859_1), 0, 4)).isNull();
        assertThat(actions.findAscii(record, 0, 0)).isNull();
    }
}
