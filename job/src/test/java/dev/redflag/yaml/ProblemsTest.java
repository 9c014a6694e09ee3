package dev.redflag.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProblemsTest {

    /**
     * ConfigException promises one line per problem (what the YAML fuzz tests check): a key or
     * value quoted in a message ("expected a number, got 'a&lt;LF&gt;b'") split it over two.
     */
    @Test
    void eachProblemIsOneLineWithLineBreaksAndControlsEscaped() {
        Problems problems = new Problems();
        problems.add(Origin.at("r.yaml", 2, 5), "groups[0].na\nme", "expected a number, got 'a\r\nb'");
        problems.add(Origin.at("r.yaml", 3, 1), null, "bell \u0007, NEL \u0085, LS \u2028, tab\tkept");
        assertThatThrownBy(problems::throwIfAny).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "r.yaml:2:5: groups[0].na\\nme: expected a number, got 'a\\r\\nb'",
                        "r.yaml:3:1: bell \\x07, NEL \\x85, LS \\u2028, tab\tkept"));
        String plain = "nothing to escape";
        assertThat(Problems.oneLine(plain)).isSameAs(plain);
    }
}
