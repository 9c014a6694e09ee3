package dev.redflag.labels;

import dev.redflag.labels.Matcher.Op;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatcherSyntaxTest {

    @Test
    void theFourOperatorsQuotedOrBare() {
        assertThat(MatcherSyntax.parse("severity=\"critical\"")).isEqualTo(new Matcher("severity", Op.EQUAL, "critical"));
        assertThat(MatcherSyntax.parse(" team != growth ")).isEqualTo(new Matcher("team", Op.NOT_EQUAL, "growth"));
        assertThat(MatcherSyntax.parse("team=~\"sales|revenue\"")).isEqualTo(new Matcher("team", Op.REGEX, "sales|revenue"));
        assertThat(MatcherSyntax.parse("page!~/blog/.*")).isEqualTo(new Matcher("page", Op.NOT_REGEX, "/blog/.*"));
        assertThat(MatcherSyntax.parse("env=\"\"")).isEqualTo(new Matcher("env", Op.EQUAL, ""));
    }

    @Test
    void formatReadsBackToTheSameMatcher() {
        Matcher m = new Matcher("msg", Op.EQUAL, "say \"hi\"\\\n\tthere");
        assertThat(MatcherSyntax.format(m)).isEqualTo("msg=\"say \\\"hi\\\"\\\\\\n\\tthere\"");
        assertThat(MatcherSyntax.parse(MatcherSyntax.format(m))).isEqualTo(m);
    }

    @Test
    void mistakesSayWhatToWrite() {
        assertThatThrownBy(() -> MatcherSyntax.parse("=\"x\"")).hasMessageContaining("does not start with a label name");
        assertThatThrownBy(() -> MatcherSyntax.parse("tenant")).hasMessage("'tenant': after the label name "
                + "'tenant' comes =, !=, =~ or !~");
        assertThatThrownBy(() -> MatcherSyntax.parse("team=\"sales")).hasMessage("'team=\"sales' has no closing quote");
        assertThatThrownBy(() -> MatcherSyntax.parse("team=\"a\"b")).hasMessage("'team=\"a\"b' has text after "
                + "the closing quote");
        assertThatThrownBy(() -> MatcherSyntax.parse("team=\"a\\qb\"")).hasMessageContaining("unknown escape '\\q'");
        assertThatThrownBy(() -> MatcherSyntax.parse("team=a\"b")).hasMessageContaining("quote the whole value");
        assertThatThrownBy(() -> MatcherSyntax.parse("team=~\"(\"")).hasMessageStartingWith("'team=~\"(\"' has an "
                + "invalid regex");
    }
}
