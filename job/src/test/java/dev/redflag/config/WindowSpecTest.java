package dev.redflag.config;

import dev.redflag.kpi.WindowSpec;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WindowSpec lives in kpi/ but is read from the job config, so its rules are tested here. */
class WindowSpecTest {

    @Test
    void labels() {
        assertThat(WindowSpec.tumbling(ofHours(1)).label()).isEqualTo("1h");
        assertThat(WindowSpec.tumbling(ofHours(1)).isTumbling()).isTrue();
        assertThat(WindowSpec.sliding(ofDays(1), ofHours(1)).label()).isEqualTo("1d/1h");
        assertThat(WindowSpec.sliding(ofDays(1), ofHours(1)).isTumbling()).isFalse();
        assertThat(WindowSpec.sliding(ofHours(1), ofHours(1))).isEqualTo(WindowSpec.tumbling(ofHours(1)));
    }

    @Test
    void parsesItsLabel() {
        assertThat(WindowSpec.parse("90m")).isEqualTo(WindowSpec.tumbling(ofMinutes(90)));
        assertThat(WindowSpec.parse("1d/1h")).isEqualTo(WindowSpec.sliding(ofDays(1), ofHours(1)));
        assertThat(WindowSpec.parse(" 1w/1d ").label()).isEqualTo("1w/1d");
        assertThatThrownBy(() -> WindowSpec.parse("1d/"))
                .hasMessage("empty duration; write a number with a unit, e.g. 30s");
    }

    @Test
    void refusesWindowsThatAreNotWholePanes() {
        assertThatThrownBy(() -> WindowSpec.sliding(ofDays(1), ofHours(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slide 7h does not divide size 1d exactly; use e.g. 6h or 8h");
        assertThatThrownBy(() -> WindowSpec.sliding(ofHours(1), ofHours(2)))
                .hasMessage("slide 2h is longer than size 1h; a slide must be at most the window size");
        assertThatThrownBy(() -> WindowSpec.sliding(ofHours(1), ofMinutes(0)))
                .hasMessage("slide must be greater than 0s, got 0s");
        assertThatThrownBy(() -> WindowSpec.tumbling(ofMinutes(0)))
                .hasMessage("window size must be greater than 0s, got 0s");
    }
}
