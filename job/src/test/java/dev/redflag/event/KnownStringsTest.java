package dev.redflag.event;

import static org.assertj.core.api.Assertions.assertThat;

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
}
