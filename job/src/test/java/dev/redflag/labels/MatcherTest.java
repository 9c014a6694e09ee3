package dev.redflag.labels;

import dev.redflag.labels.Matcher.Op;
import org.junit.jupiter.api.Test;

import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatcherTest {

    @Test
    void theWrittenFormsOfAMatcher() {
        assertThat(Matcher.parse("page", "/pricing")).isEqualTo(new Matcher("page", Op.EQUAL, "/pricing"));
        assertThat(Matcher.parse("page", "!=/pricing")).isEqualTo(new Matcher("page", Op.NOT_EQUAL, "/pricing"));
        assertThat(Matcher.parse("page", "=~/blog/.*")).isEqualTo(new Matcher("page", Op.REGEX, "/blog/.*"));
        assertThat(Matcher.parse("page", "!~/blog/.*")).isEqualTo(new Matcher("page", Op.NOT_REGEX, "/blog/.*"));
        assertThat(Matcher.parse("page", "=!=odd")).isEqualTo(new Matcher("page", Op.EQUAL, "!=odd"));
        assertThat(Matcher.parse("page", "")).isEqualTo(new Matcher("page", Op.EQUAL, ""));
        assertThatThrownBy(() -> Matcher.parse("page", "=~(")).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void regexesMatchTheWholeValueAndAbsentLabelsMatchAsEmpty() {
        Matcher spring = Matcher.parse("campaign", "=~spring.*");
        assertThat(spring.matches("spring-sale")).isTrue();
        assertThat(spring.matches("big-spring-sale")).isFalse();
        assertThat(Matcher.parse("campaign", "!~spring.*").matches("big-spring-sale")).isTrue();
        assertThat(Matcher.parse("campaign", "").matches(null)).isTrue();
        assertThat(Matcher.parse("campaign", "!=x").matches(null)).isTrue();
    }
}
