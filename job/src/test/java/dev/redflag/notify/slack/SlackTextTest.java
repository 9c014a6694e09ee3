package dev.redflag.notify.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackTextTest {

    @Test
    void escapesTheThreeControlCharacters() {
        assertThat(SlackText.escape("<!channel> & <@U123>")).isEqualTo("&lt;!channel&gt; &amp; &lt;@U123&gt;");
        assertThat(SlackText.escape("<https://evil.example|click>")).isEqualTo("&lt;https://evil.example|click&gt;");
        assertThat(SlackText.escape("&amp;")).isEqualTo("&amp;amp;");
    }

    @Test
    void leavesEverythingElseAlone() {
        assertThat(SlackText.escape("*bold* _it_ ~s~ `c` \"q\" 'a' /prix-été 🚀")).isEqualTo("*bold* _it_ ~s~ `c` \"q\" 'a' /prix-été 🚀");
        assertThat(SlackText.escape("")).isEmpty();
        assertThat(SlackText.escape(null)).isEmpty();
    }

    @Test
    void truncateKeepsShortTextAndCutsLongTextToTheLimitWithAnEllipsis() {
        assertThat(SlackText.truncate("abc", 3)).isEqualTo("abc");
        assertThat(SlackText.truncate("abcd", 3)).isEqualTo("ab…").hasSize(3);
        assertThat(SlackText.truncate("x".repeat(5000), 3000)).hasSize(3000).endsWith("x…");
        assertThat(SlackText.truncate("abcd", 1)).isEqualTo("…");
        assertThatThrownBy(() -> SlackText.truncate("abc", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncateNeverSplitsAnEntity() {
        String escaped = SlackText.escape("ab<cdef");     // ab&lt;cdef
        assertThat(SlackText.truncate(escaped, 5)).isEqualTo("ab…");
        assertThat(SlackText.truncate(escaped, 7)).isEqualTo("ab&lt;…");
        assertThat(SlackText.truncate(SlackText.escape("a&&&&"), 8)).isEqualTo("a&amp;…");
    }

    @Test
    void truncateNeverSplitsASurrogatePair() {
        assertThat(SlackText.truncate("ab🚀cd", 4)).isEqualTo("ab…");
        assertThat(SlackText.truncate("ab🚀cd", 5)).isEqualTo("ab🚀…");
    }
}
