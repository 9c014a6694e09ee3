package dev.redflag.alert;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static final String RULE = "web-engagement/BounceRateRising";

    /** Expected values computed outside Java (FNV-1a 64 as documented on {@link Fingerprint}). */
    @Test
    void fixedValues() {
        Map<String, String> labels = Map.of("alertname", "BounceRateRising", "kpi", "bounce_rate",
                "page", "/pricing", "severity", "warning", "window", "1h");
        assertThat(Fingerprint.of(RULE, labels)).isEqualTo("fbbabf7e96009c7b");
        assertThat(Fingerprint.of("g/a", Map.of())).isEqualTo("d41d5218fa03155e");
        assertThat(Fingerprint.of("", Map.of())).isEqualTo("cbf29ce484222325");
        assertThat(Fingerprint.of("web/Ünïcode", Map.of("page", "/prix-été"))).isEqualTo("1c4955b603f8da85");
        assertThat(Fingerprint.hash("", Map.of())).isEqualTo(0xcbf29ce484222325L);
    }

    @Test
    void labelOrderDoesNotMatter() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        forward.put("c", "3");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("c", "3");
        backward.put("b", "2");
        backward.put("a", "1");
        Map<String, String> reversedTree = new TreeMap<>(java.util.Comparator.reverseOrder());
        reversedTree.putAll(forward);

        String expected = Fingerprint.of(RULE, forward);
        assertThat(Fingerprint.of(RULE, backward)).isEqualTo(expected);
        assertThat(Fingerprint.of(RULE, new HashMap<>(forward))).isEqualTo(expected);
        assertThat(Fingerprint.of(RULE, new TreeMap<>(forward))).isEqualTo(expected);
        assertThat(Fingerprint.of(RULE, reversedTree)).isEqualTo(expected);
        assertThat(expected).hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void distinguishesWhereBoundariesFall() {
        assertThat(Fingerprint.of("r", Map.of("ab", "c"))).isNotEqualTo(Fingerprint.of("r", Map.of("a", "bc")));
        assertThat(Fingerprint.of("ra", Map.of("b", "c"))).isNotEqualTo(Fingerprint.of("r", Map.of("ab", "c")));
        assertThat(Fingerprint.of("r", Map.of("a", "1"))).isNotEqualTo(Fingerprint.of("r", Map.of("a", "2")));
        assertThat(Fingerprint.of("r", Map.of("a", "", "b", ""))).isNotEqualTo(Fingerprint.of("r", Map.of("a", "b")));
    }
}
