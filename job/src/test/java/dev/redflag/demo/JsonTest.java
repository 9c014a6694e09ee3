package dev.redflag.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\rcr",
            "\u0000\u0001\u001f bell\u0007", "ünïcödé ✓ 😀", "\b\f", "line\u2028sep\u2029"})
    void quotedStringsReadBackUnchanged(String s) throws IOException {
        String quoted = Json.quote(s);
        try (JsonParser p = new JsonFactory().createParser(quoted)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.getText()).isEqualTo(s);
            assertThat(p.nextToken()).isNull();
        }
    }

    @Test
    void escapesControlCharactersAsUnicode() {
        assertThat(Json.quote("a\u0001\"b")).isEqualTo("\"a\\u0001\\\"b\"");
    }

    @Test
    void writesCentsWithTwoDecimals() {
        assertThat(Json.cents(new StringBuilder(), 0)).hasToString("0.00");
        assertThat(Json.cents(new StringBuilder(), 5)).hasToString("0.05");
        assertThat(Json.cents(new StringBuilder(), 1_234)).hasToString("12.34");
        assertThat(Json.cents(new StringBuilder(), 49_900)).hasToString("499.00");
        assertThat(Json.cents(new StringBuilder(), -1_205)).hasToString("-12.05");
    }
}
