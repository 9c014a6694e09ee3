package dev.redflag.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanner takes the common shape of record and declines the rest, and whichever reads a
 * record, the decoder's answer is the one Jackson alone gives.
 */
class FlatRecordScannerTest {

    private static final Path SEEDS = Path.of("src/test/resources/dev/redflag/event/EventDecoderFuzzTestInputs/"
            + "decodesOrDeadLetters");

    private final EventDecoder decoder = new EventDecoder();
    private final EventDecoder jackson = EventDecoder.jacksonOnly();

    static Stream<String> demoRecords() throws IOException {
        try (Stream<Path> files = Files.list(SEEDS)) {
            return files.filter(f -> f.getFileName().toString().startsWith("demo-")
                            && !f.getFileName().toString().startsWith("demo-bad-"))
                    .map(FlatRecordScannerTest::read).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("demoRecords")
    void everyTypeOfTheDemosRecordsIsScannedAndDecodesAsWithJackson(String record) {
        assertThat(scans(record)).isTrue();
        assertThat(decoder.decode(bytes(record))).isEqualTo(jackson.decode(bytes(record)));
        assertThat(decoder.decode(bytes(record)).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        " \t\r\n{ \"type\" : \"session\" , \"ts\" : \"2026-01-01T00:00:00Z\" , \"session_id\" : \"s\" } \n",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"dims\":{}}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"dims\":{\"a\":\"1\",\"a\":\"2\"}}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"page\":\"/a\",\"page\":\"/b\"}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"pageviews\":null}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":-0}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":-0.0}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":0.1}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":123456789012.345}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":999999999999999999}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":\"12\"}",
        "{\"type\":\"order\",\"ts\":1767225600000,\"order_id\":\"o\",\"amount\":1}",
        "{\"type\":\"order\",\"ts\":\"yesterday\",\"order_id\":\"o\",\"amount\":1}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"converted\":false,\"x\":true}",
        "{\"type\":\"teleport\",\"ts\":\"2026-01-01T00:00:00Z\"}",
        "{\"extra\":1.5,\"more\":null,\"type\":\"email\",\"ts\":\"2026-01-01T00:00:00Z\",\"campaign\":\"c\","
                + "\"action\":\"sent\"}",
    })
    void theCommonShapeIsScannedWithJacksonsAnswer(String record) {
        assertThat(scans(record)).isTrue();
        assertThat(decoder.decode(bytes(record))).isEqualTo(jackson.decode(bytes(record)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "null",
        "[1]",
        "\uFEFF{\"type\":\"email\"}",
        "{\"type\":\"ses\\u0073ion\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\"}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"page\":\"/caf\u00e9\"}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"page\":\"a\tb\"}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"dims\":null}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"dims\":{\"a\":1}}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"dims\":[]}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"other\":{\"a\":1}}",
        "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"page\":[\"/a\"]}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":1e3}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":012}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":1.}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":.5}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":-}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":+1}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":1234567890123.456}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":9223372036854775807}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":123456789012345678901}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":1.2.3}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":truex}",
        "{\"type\":\"order\",\"ts\":\"2026-01-01T00:00:00Z\",\"order_id\":\"o\",\"amount\":nul}",
        "{\"type\":\"email\",\"ts\":\"2026-01-01T00:00:00Z\",\"campaign\":\"c\",\"action\":\"sent\",}",
        "{\"type\":\"email\",\"ts\":\"2026-01-01T00:00:00Z\",\"campaign\":\"c\",\"action\":\"sent\"}}",
        "{\"type\":\"email\",\"ts\":\"2026-01-01T00:00:00Z\",\"campaign\":\"c\",\"action\":\"sent\"} {}",
        "{\"type\":\"email\",\"ts\":\"2026-01-01T00:00:00Z\",\"campaign\":\"c\",\"action\":\"sent\"",
        "{\"type\" \"email\"}",
        "{type:\"email\"}",
        "{\"type\":'email'}",
        "{\"type\":\"email\" /* comment */}",
        "{\"type\":\"unterminated}",
    })
    void anythingElseIsLeftToJacksonWithItsAnswer(String record) {
        assertThat(scans(record)).isFalse();
        assertThat(decoder.decode(bytes(record))).isEqualTo(jackson.decode(bytes(record)));
    }

    @Test
    void aDecimalIsTheSameDoubleDoubleParseDoubleGives() {
        Random random = new Random(20261206);
        RawFields raw = new RawFields();
        FlatRecordScanner scanner = new FlatRecordScanner(raw);
        for (int n = 0; n < 100_000; n++) {
            int integerDigits = 1 + random.nextInt(8);
            int fractionDigits = 1 + random.nextInt(15 - integerDigits);
            String number = (random.nextBoolean() ? "-" : "") + digits(random, integerDigits, true) + "."
                    + digits(random, fractionDigits, false);
            raw.reset();
            assertThat(scanner.scan(bytes("{\"amount\":" + number + "}"), 0, bytes("{\"amount\":" + number + "}").length))
                    .as(number).isTrue();
            assertThat(raw.kind(Field.AMOUNT)).isEqualTo(RawFields.Kind.DECIMAL);
            assertThat(Double.doubleToRawLongBits(raw.doubleValue(Field.AMOUNT)))
                    .as(number).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(number)));
        }
    }

    @Test
    void everyFieldIsFoundByItsNameAndClosingQuoteAndNothingElseIs() {
        for (Field f : Field.values()) {
            String name = f.wireName();
            // near the end of the record (the byte path) and far from it (the word path)
            for (String after : List.of("", ":1}", ":1234567890123456}")) {
                byte[] key = bytes("{\"" + name + "\"" + after);
                assertThat(Field.atKey(key, 2, key.length)).as(name + after).isEqualTo(f);
                byte[] longer = bytes("{\"" + name + "x\"" + after);
                assertThat(Field.atKey(longer, 2, longer.length)).as(name + "x").isNull();
                byte[] shorter = bytes("{\"" + name.substring(0, name.length() - 1) + "\"" + after);
                assertThat(Field.atKey(shorter, 2, shorter.length)).as(name + " less a byte").isNull();
                byte[] upper = bytes("{\"" + name.toUpperCase(java.util.Locale.ROOT) + "\"" + after);
                assertThat(Field.atKey(upper, 2, upper.length)).isNull();
            }
            byte[] cut = bytes("{\"" + name + "\"");
            assertThat(Field.atKey(cut, 2, cut.length - 1)).as("the quote beyond the end").isNull();
        }
        assertThat(Field.atKey(bytes("{\"page\"\"pageviews\""), 2, 8)).isEqualTo(Field.PAGE);
        assertThat(Field.atKey(bytes("{\"pageviews\":1234567890"), 2, 24)).isEqualTo(Field.PAGEVIEWS);
        assertThat(Field.atKey(bytes("{\"t\":1}"), 2, 7)).isNull();
        assertThat(Field.atKey(bytes("{\"\":1}"), 2, 6)).isNull();
    }

    @Test
    void valuesLandInTheirFieldsExactly() {
        RawFields raw = new RawFields();
        byte[] record = bytes("{\"ts\":\"2026-01-01T00:00:01.5Z\",\"pageviews\":-42,\"converted\":true,"
                + "\"revenue\":19.99,\"page\":\"/pricing\",\"unknown\":\"x\",\"dims\":{\"device\":\"mobile\","
                + "\"channel\":\"ads\"}}");

        assertThat(new FlatRecordScanner(raw).scan(record, 0, record.length)).isTrue();

        assertThat(raw.isoMillis(Field.TS)).isEqualTo(1767225601500L);
        assertThat(raw.kind(Field.PAGEVIEWS)).isEqualTo(RawFields.Kind.INTEGER);
        assertThat(raw.longValue(Field.PAGEVIEWS)).isEqualTo(-42);
        assertThat(raw.booleanValue(Field.CONVERTED)).isTrue();
        assertThat(raw.doubleValue(Field.REVENUE)).isEqualTo(19.99);
        assertThat(raw.text(Field.PAGE)).isEqualTo("/pricing");
        assertThat(raw.dimsKind()).isEqualTo(RawFields.Kind.OBJECT);
        assertThat(raw.dims()).isEqualTo(Map.of("device", "mobile", "channel", "ads"));
    }

    @Test
    void aRecordInsideALargerArrayIsReadFromItsOffsetOnly() {
        String record = "{\"type\":\"email\",\"ts\":\"2026-01-01T00:00:00Z\",\"campaign\":\"c\",\"action\":\"sent\"}";
        byte[] framed = bytes("xx" + record + "yy");
        assertThat(decoder.decode(framed, 2, record.length())).isEqualTo(jackson.decode(bytes(record)));
        assertThat(decoder.decode(framed, 2, record.length()).isOk()).isTrue();
    }

    @Test
    void aDeclinedRecordLeavesNothingBehindForTheNext() {
        for (String record : List.of(
                "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\",\"page\":\"/x\","
                        + "\"dims\":{\"a\":\"b\"},\"amount\":1e3}",
                "{\"type\":\"session\",\"ts\":\"2026-01-01T00:00:00Z\",\"session_id\":\"s\"}")) {
            assertThat(decoder.decode(bytes(record))).isEqualTo(jackson.decode(bytes(record)));
        }
    }

    private static boolean scans(String record) {
        byte[] b = bytes(record);
        return new FlatRecordScanner(new RawFields()).scan(b, 0, b.length);
    }

    private static String digits(Random random, int n, boolean leading) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + (i == 0 && leading && n > 1 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        return s.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
