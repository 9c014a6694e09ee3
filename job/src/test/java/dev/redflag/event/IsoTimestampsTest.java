package dev.redflag.event;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    /** java.time spelling of the grammar IsoTimestamps accepts, upper case, for one offset style. */
    private static final DateTimeFormatter STRICT_COLON = strict("+HH:MM");
    private static final DateTimeFormatter STRICT_NO_COLON = strict("+HHMM");

    /** Instants whose local date stays in years 0001..9998 at any offset. */
    private static final long MIN_SECOND = LocalDate.of(1, 1, 2).toEpochDay() * 86_400L;
    private static final long MAX_SECOND = LocalDate.of(9998, 12, 30).toEpochDay() * 86_400L;

    private final Random random = new Random(20261124L);

    @ParameterizedTest
    @CsvSource({
            "1970-01-01T00:00:00Z, 0",
            "1970-01-01T00:00:00.001Z, 1",
            "1969-12-31T23:59:59.999Z, -1",
            "2026-11-24T08:00:00Z, 1795507200000",
            "2026-11-24T08:00:00.123+01:00, 1795503600123",
            "2026-11-24T08:00:00.123+0100, 1795503600123",
            "2026-11-24T08:00:00.123456789-05:30, 1795527000123",
            "2026-11-24T08:00:00.9-05:30, 1795527000900",
            "2026-11-24T08:00:00.45Z, 1795507200450",
            "2026-11-24t08:00:00z, 1795507200000",
            "2026-11-24T08:00:00-00:00, 1795507200000",
            "2024-02-29T12:00:00Z, 1709208000000",
            "2000-02-29T00:00:00Z, 951782400000",
            "2026-11-24T08:00:00+18:00, 1795442400000",
            "2026-11-24T08:00:00-1800, 1795572000000",
    })
    void parsesKnownValues(String text, long expected) {
        assertThat(IsoTimestamps.parseMillis(text)).isEqualTo(expected);
        if (text.endsWith("Z") || text.charAt(text.length() - 3) == ':') {
            assertThat(OffsetDateTime.parse(text).toInstant().toEpochMilli()).isEqualTo(expected);
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsOffsetsAndFractionLengths() {
        for (int n = 0; n < 5000; n++) {
            Generated g = randomTimestamp();
            long expected = OffsetDateTime.parse(g.text()).toInstant().toEpochMilli();
            assertThat(IsoTimestamps.parseMillis(g.text())).as(g.text()).isEqualTo(expected);
            // the same instant without the colon in the offset and in lower case
            assertThat(IsoTimestamps.parseMillis(g.withoutOffsetColon())).as(g.withoutOffsetColon())
                    .isEqualTo(expected);
            assertThat(IsoTimestamps.parseMillis(g.text().toLowerCase(Locale.ROOT))).isEqualTo(expected);
            // truncation, never rounding, of the fraction
            assertThat(expected).isEqualTo(g.instant().getEpochSecond() * 1000L
                    + g.truncatedNanos() / 1_000_000);
        }
    }

    @Test
    void agreesWithJavaTimeOnOneCharacterMutations() {
        String alphabet = "0123456789-+:.TZ x";
        int accepted = 0;
        int rejected = 0;
        for (int n = 0; n < 20_000; n++) {
            String text = randomTimestamp().text();
            StringBuilder b = new StringBuilder(text);
            int at = random.nextInt(text.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> b.setCharAt(at, c);
                case 1 -> b.deleteCharAt(at);
                default -> b.insert(at, c);
            }
            String mutated = b.toString();
            long expected = strictJavaTime(mutated);
            assertThat(IsoTimestamps.parseMillis(mutated)).as(mutated).isEqualTo(expected);
            if (expected == Long.MIN_VALUE) {
                rejected++;
            } else {
                accepted++;
            }
        }
        // the mutations must exercise both outcomes for the comparison to mean something
        assertThat(accepted).isGreaterThan(1000);
        assertThat(rejected).isGreaterThan(1000);
    }

    @Test
    void theCanonicalFormFromBytesIsWhatTheParserGivesAndAnyMutationIsLeftToIt() {
        int canonical = 0;
        int mutatedCanonical = 0;
        for (int n = 0; n < 50_000; n++) {
            Instant instant = Instant.ofEpochMilli(MIN_SECOND * 1000 + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND) * 1000));
            String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
                    .format(instant.atOffset(ZoneOffset.UTC));
            assertThat(canonicalMillis(text)).as(text).isEqualTo(instant.toEpochMilli())
                    .isEqualTo(IsoTimestamps.parseMillis(text));
            canonical++;
            StringBuilder b = new StringBuilder(text);
            b.setCharAt(random.nextInt(text.length()), "0123456789-:.TZtz+9x/".charAt(random.nextInt(21)));
            String mutated = b.toString();
            long fast = canonicalMillis(mutated);
            // the fast path never answers differently: a value it gives is the parser's
            if (fast != Long.MIN_VALUE) {
                assertThat(fast).as(mutated).isEqualTo(IsoTimestamps.parseMillis(mutated));
                mutatedCanonical++;
            }
        }
        for (String other : List.of("2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z",
                "2026-01-01T00:60:00.000Z", "2026-01-01T00:00:60.000Z", "2026-01-01T00:00:00.000z",
                "2026-01-01t00:00:00.000Z", "2026-01-01T00:00:00.00Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.0000Z",
                "2026-01-01T00:00:00.000+00:00", "2026-01-00T00:00:00.000Z", "2026-00-01T00:00:00.000Z",
                "2026-01-01T00:00:00.00:Z", "2026-01-01T00:00:00.00/Z")) {
            assertThat(canonicalMillis(other)).as(other).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(canonical).isEqualTo(50_000);
        assertThat(mutatedCanonical).isGreaterThan(5_000);
    }

    private static long canonicalMillis(String text) {
        byte[] framed = ("x" + text + "x").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return IsoTimestamps.canonicalMillis(framed, 1, text.length());
    }

    @Test
    void daysFromCivilMatchesLocalDateForEveryDayOfFourHundredYearsAndTheEnds() {
        LocalDate d = LocalDate.of(1800, 1, 1);
        for (int i = 0; i < 146_097; i++, d = d.plusDays(1)) {
            assertThat(IsoTimestamps.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .isEqualTo(d.toEpochDay());
        }
        for (LocalDate e : new LocalDate[] {LocalDate.of(0, 1, 1), LocalDate.of(0, 2, 29),
                LocalDate.of(0, 3, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)}) {
            assertThat(IsoTimestamps.daysFromCivil(e.getYear(), e.getMonthValue(), e.getDayOfMonth()))
                    .isEqualTo(e.toEpochDay());
        }
    }

    @Test
    void extremesOfTheYearRangeAgreeWithJavaTime() {
        for (String text : new String[] {"0000-01-01T00:00:00Z", "0000-02-29T23:59:59.999+18:00",
                "9999-12-31T23:59:59.999999999-18:00", "1600-02-29T00:00:00Z"}) {
            assertThat(IsoTimestamps.parseMillis(text)).as(text)
                    .isEqualTo(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "2026",
            "2026-11-24",
            "2026-11-24T08:00:00",            // no offset
            "2026-11-24T08:00:00.123",        // no offset
            "2026-11-24T08:00Z",              // no seconds
            "2026-11-24 08:00:00Z",           // space instead of T
            "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-00-10T00:00:00Z",
            "2026-13-10T00:00:00Z",
            "2026-11-00T00:00:00Z",
            "2026-11-32T00:00:00Z",
            "2026-11-24T24:00:00Z",
            "2026-11-24T08:60:00Z",
            "2026-11-24T08:00:60Z",
            "2026-11-24T08:00:00.Z",          // empty fraction
            "2026-11-24T08:00:00.1234567891Z",  // ten fraction digits
            "2026-11-24T08:00:00,123Z",       // comma fraction
            "2026-11-24T08:00:00+19:00",
            "2026-11-24T08:00:00+18:01",
            "2026-11-24T08:00:00+01:60",
            "2026-11-24T08:00:00+1:00",
            "2026-11-24T08:00:00+01:0",
            "2026-11-24T08:00:00+01",
            "2026-11-24T08:00:00+01:00:00",
            "2026-11-24T08:00:00+01:00 ",
            "2026-11-24T08:00:00ZZ",
            "2026-11-24T08:00:00UTC",
            "2026-11-24T08:00:00\u221201:00",  // unicode minus
            "+2026-11-24T08:00:00Z",
            "20261-11-24T08:00:00Z",
            "2026-1-24T08:00:00Z",
            "2026/11/24T08:00:00Z",
            "2026-11-24T08-00-00Z",
            "2026-11-24T0a:00:00Z",
            "\u0662\u0660\u0662\u0666-11-24T08:00:00Z",  // Arabic-Indic digits
            " 2026-11-24T08:00:00Z",
    })
    void rejectsInvalidInput(String text) {
        assertThat(IsoTimestamps.parseMillis(text)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void rejectsNull() {
        assertThat(IsoTimestamps.parseMillis(null)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void acceptsAnyCharSequence() {
        assertThat(IsoTimestamps.parseMillis(new StringBuilder("2026-11-24T08:00:00Z")))
                .isEqualTo(1795507200000L);
    }

    private static DateTimeFormatter strict(String offsetPattern) {
        return new DateTimeFormatterBuilder()
                .appendValue(YEAR, 4).appendLiteral('-')
                .appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
                .appendValue(DAY_OF_MONTH, 2).appendLiteral('T')
                .appendValue(HOUR_OF_DAY, 2).appendLiteral(':')
                .appendValue(MINUTE_OF_HOUR, 2).appendLiteral(':')
                .appendValue(SECOND_OF_MINUTE, 2)
                .optionalStart().appendFraction(NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .appendOffset(offsetPattern, "Z")
                .toFormatter(Locale.ROOT)
                .withChronology(IsoChronology.INSTANCE)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static long strictJavaTime(String text) {
        for (DateTimeFormatter f : new DateTimeFormatter[] {STRICT_COLON, STRICT_NO_COLON}) {
            try {
                return OffsetDateTime.parse(text, f).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the other offset style
            }
        }
        return Long.MIN_VALUE;
    }

    private Generated randomTimestamp() {
        long second = MIN_SECOND + (long) (random.nextDouble() * (MAX_SECOND - MIN_SECOND));
        int nanos = random.nextInt(1_000_000_000);
        int fractionDigits = random.nextInt(10);
        int offsetSeconds;
        switch (random.nextInt(4)) {
            case 0 -> offsetSeconds = 0;
            case 1 -> offsetSeconds = (random.nextInt(37) - 18) * 3600;
            default -> offsetSeconds = (random.nextInt(2 * 18 * 60 + 1) - 18 * 60) * 60;
        }
        Instant instant = Instant.ofEpochSecond(second, nanos);
        OffsetDateTime local = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond()));
        int truncatedNanos = 0;
        if (fractionDigits > 0) {
            String nine = String.format(Locale.ROOT, "%09d", nanos);
            b.append('.').append(nine, 0, fractionDigits);
            truncatedNanos = Integer.parseInt((nine.substring(0, fractionDigits) + "000000000")
                    .substring(0, 9));
        }
        String offset = offsetSeconds == 0 && random.nextBoolean() ? "Z"
                : String.format(Locale.ROOT, "%s%02d:%02d", offsetSeconds < 0 ? "-" : "+",
                        Math.abs(offsetSeconds) / 3600, Math.abs(offsetSeconds) / 60 % 60);
        b.append(offset);
        return new Generated(b.toString(), offset, instant, truncatedNanos);
    }

    private record Generated(String text, String offset, Instant instant, int truncatedNanos) {
        String withoutOffsetColon() {
            return offset.equals("Z") ? text
                    : text.substring(0, text.length() - offset.length()) + offset.replace(":", "");
        }
    }
}
