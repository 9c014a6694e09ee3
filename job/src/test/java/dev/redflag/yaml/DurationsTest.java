package dev.redflag.yaml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, 250",
        "90s, 90000",
        "5m, 300000",
        "1h, 3600000",
        "1h30m, 5400000",
        "1d, 86400000",
        "1w, 604800000",
        "2w3d4h5m6s7ms, 1483506007",
        "0s, 0",
        "' 30s ', 30000",
    })
    void parses(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "30        | '30' has no unit; add a unit, e.g. 30s",
        "0         | '0' has no unit; add a unit, e.g. 0s",
        "1.5h      | '1.5h' has a fraction; durations take whole numbers; write 1h30m",
        "0.5ms     | '0.5ms' has a fraction; durations take whole numbers with a smaller unit, e.g. 90m instead of 1.5h",
        "5min      | '5min' has an unknown unit 'min'; use ms, s, m, h, d or w",
        "2y        | '2y' has an unknown unit 'y'; use ms, s, m, h, d or w",
        "-5s       | '-5s' is negative; a duration must be 0 or more",
        "30m1h     | '30m1h' must list units from largest to smallest, each once; write 1h30m",
        "1h1h      | '1h1h' must list units from largest to smallest, each once; write 2h",
        "1h 30m    | '1h 30m' is not a duration; write a number with a unit, e.g. 30s, 5m or 1h30m",
        "abc       | 'abc' is not a duration; write a number with a unit, e.g. 30s, 5m or 1h30m",
        "99999999999999999999w | '99999999999999999999w' is too large",
    })
    void refusesWithAnExplanation(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesEmpty() {
        assertThatThrownBy(() -> Durations.parse(" "))
                .hasMessage("empty duration; write a number with a unit, e.g. 30s");
        assertThatThrownBy(() -> Durations.parse(null))
                .hasMessage("empty duration; write a number with a unit, e.g. 30s");
    }

    @ParameterizedTest
    @CsvSource({
        "3600000, 1h",
        "90000, 1m30s",
        "86400000, 1d",
        "604800000, 1w",
        "691200000, 1w1d",
        "1500, 1s500ms",
        "0, 0s",
        "-60000, -1m",
    })
    void formatsShortest(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void formatReadsBack() {
        for (String text : new String[] {"1h", "1m30s", "35d", "2h15m", "999ms"}) {
            Duration d = Durations.parse(text);
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Durations.parse("35d"))).isEqualTo("5w");
        assertThat(Durations.format(Durations.parse("120m"))).isEqualTo("2h");
    }
}
