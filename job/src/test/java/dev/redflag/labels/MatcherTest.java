package dev.redflag.labels;

import dev.redflag.labels.Matcher.Op;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

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
        assertThatThrownBy(() -> Matcher.parse("page", "=~(")).isInstanceOf(InvalidRegexException.class)
                .hasMessage("'(': missing closing ): `(`");
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

    @Test
    void aRegexIsAnchoredAtBothEndsAsInPrometheus() {
        Matcher foo = Matcher.parse("team", "=~foo");
        assertThat(foo.matches("foo")).isTrue();
        assertThat(foo.matches("foobar")).isFalse();
        assertThat(foo.matches("barfoo")).isFalse();
        assertThat(Matcher.parse("team", "=~foo.*").matches("foobar")).isTrue();
        // ^(?:a|b)$, not ^a|b$: the alternation stays inside the anchors
        Matcher either = Matcher.parse("team", "=~sales|revenue");
        assertThat(either.matches("sales")).isTrue();
        assertThat(either.matches("salesforce")).isFalse();
        assertThat(either.matches("big-revenue")).isFalse();
        // $ is the end of the value, not the end of a line before a trailing newline
        assertThat(Matcher.parse("team", "=~foo$").matches("foo\n")).isFalse();
        assertThat(Matcher.parse("team", "=~").matches(null)).isTrue();
        assertThat(Matcher.parse("team", "=~.+").matches(null)).isFalse();
    }

    @Test
    void aNegatedRegexHoldsWhereTheAnchoredRegexDoesNot() {
        Matcher notFoo = Matcher.parse("team", "!~foo");
        assertThat(notFoo.matches("foo")).isFalse();
        assertThat(notFoo.matches("foobar")).isTrue();
        assertThat(notFoo.matches(null)).isTrue();
        Matcher notFooAnything = Matcher.parse("team", "!~foo.*");
        assertThat(notFooAnything.matches("foobar")).isFalse();
        assertThat(notFooAnything.matches("barfoo")).isTrue();
    }

    @Test
    void aPatternThatBacktracksExponentiallyInJavaRegexIsMatchedInLinearTime() {
        // java.util.regex tries every way to split the a's between the two + before it gives up on
        // the b: 2^5000 ways. RE2 runs one pass over the value.
        String value = "a".repeat(5000) + "b";
        assertThat(Matcher.parse("page", "=~(a+)+$").matches(value)).isFalse();
        assertThat(Matcher.parse("page", "!~(a+)+$").matches(value)).isTrue();
        assertThat(Matcher.parse("page", "=~(a+)+b").matches(value)).isTrue();
        assertThat(Matcher.parse("page", "=~(a|aa)+").matches(value)).isFalse();
        assertThat(Matcher.parse("page", "=~(a|aa)+").matches("a".repeat(5000))).isTrue();
    }

    @Test
    void syntaxRe2LeavesOutIsRejectedWithTheConstructNamed() {
        String re2 = " not supported: matchers use RE2 syntax, which matches in linear time";
        assertThatThrownBy(() -> Matcher.parse("page", "=~(a)\\1")).isInstanceOf(InvalidRegexException.class)
                .hasMessage("'(a)\\1': invalid escape sequence: `\\1`; backreferences are" + re2);
        assertThatThrownBy(() -> Matcher.parse("page", "=~(?<n>a)\\k<n>"))
                .hasMessage("'(?<n>a)\\k<n>': invalid escape sequence: `\\k`; backreferences are" + re2);
        assertThatThrownBy(() -> Matcher.parse("page", "=~(?=/blog)/.*"))
                .hasMessage("'(?=/blog)/.*': invalid or unsupported Perl syntax: `(?=`; lookahead is" + re2);
        assertThatThrownBy(() -> Matcher.parse("page", "!~(?!/blog)/.*"))
                .hasMessage("'(?!/blog)/.*': invalid or unsupported Perl syntax: `(?!`; lookahead is" + re2);
        assertThatThrownBy(() -> Matcher.parse("page", "=~.*(?<=\\.html)"))
                .hasMessage("'.*(?<=\\.html)': invalid named capture: `(?<=\\.html)`; lookbehind is" + re2);
        assertThatThrownBy(() -> Matcher.parse("page", "=~(?>a+)b"))
                .hasMessage("'(?>a+)b': invalid or unsupported Perl syntax: `(?>`; atomic groups are" + re2);
        assertThatThrownBy(() -> Matcher.parse("page", "=~a*+b"))
                .hasMessage("'a*+b': invalid nested repetition operator: `*+`; possessive quantifiers are" + re2);
        // a plain mistake gets RE2's own words and no lecture
        assertThatThrownBy(() -> Matcher.parse("page", "=~[z-a]"))
                .hasMessage("'[z-a]': invalid character class range: `z-a`");
        // equality takes any text, the same characters included
        assertThat(Matcher.parse("page", "(a)\\1").matches("(a)\\1")).isTrue();
    }

    @Test
    void aRegexMatcherStillMatchesAfterJavaSerialization() throws Exception {
        // routes and silences travel to the task managers inside the job graph, Java-serialized;
        // RE2/J keeps only the expression and compiles it again on reading
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(Matcher.parse("team", "=~sales|revenue"));
        }
        Matcher read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (Matcher) in.readObject();
        }
        assertThat(read).isEqualTo(new Matcher("team", Op.REGEX, "sales|revenue"));
        assertThat(read.matches("revenue")).isTrue();
        assertThat(read.matches("revenues")).isFalse();
    }
}
