package dev.redflag.event;

import static dev.redflag.event.DeadLetterReason.BAD_TIMESTAMP;
import static dev.redflag.event.DeadLetterReason.MISSING_FIELD;
import static dev.redflag.event.DeadLetterReason.NOT_JSON;
import static dev.redflag.event.DeadLetterReason.OUT_OF_RANGE;
import static dev.redflag.event.DeadLetterReason.UNKNOWN_TYPE;
import static dev.redflag.event.DeadLetterReason.WRONG_TYPE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventDecoderTest {

    /** 2026-11-24T08:00:00Z. */
    private static final long TS = 1_795_507_200_000L;

    private final EventDecoder decoder = new EventDecoder();

    // ---- minimal valid records per type, as ordered key -> raw JSON value ('...' is "...")

    private static final Map<String, String> SESSION = fields("type", "'session'", "ts", "1795507200000",
            "session_id", "'s-1'", "page", "'/landing'", "pageviews", "1");
    private static final Map<String, String> LEAD = fields("type", "'lead'", "ts", "1795507200000",
            "lead_id", "'l-1'", "stage", "'mql'");
    private static final Map<String, String> NPS = fields("type", "'nps'", "ts", "1795507200000",
            "respondent_id", "'r-1'", "score", "9");
    private static final Map<String, String> SUBSCRIPTION = fields("type", "'subscription'",
            "ts", "1795507200000", "customer_id", "'c-1'", "action", "'start'");
    private static final Map<String, String> ORDER = fields("type", "'order'", "ts", "1795507200000",
            "order_id", "'o-1'", "customer_id", "'c-1'", "amount", "100");
    private static final Map<String, String> AD_SPEND = fields("type", "'ad_spend'", "ts", "1795507200000",
            "channel", "'google'", "cost", "10");
    private static final Map<String, String> EMAIL = fields("type", "'email'", "ts", "1795507200000",
            "campaign", "'black-friday'", "action", "'open'");
    private static final Map<String, String> WALLET = fields("type", "'wallet'", "ts", "1795507200000",
            "player_id", "'p-1'", "action", "'bet'", "amount", "5");
    private static final Map<String, String> METRIC = fields("type", "'metric'", "ts", "1795507200000",
            "name", "'queue_depth'", "value", "12");

    // ---- happy paths: every component asserted through record equality

    @Test
    void decodesSessionWithAllFields() {
        Decoded d = decode("""
                {"type":"session","ts":"2026-11-24T08:00:00Z","tenant":"shop-de",
                 "dims":{"country":"DE","device":"mobile"},"session_id":"s-1","page":"/landing",
                 "channel":"paid_search","pageviews":3,"duration_s":12.5,"converted":true,"revenue":49.9}""");
        assertThat(d.event()).isEqualTo(new SessionEvent(TS, "shop-de",
                Map.of("country", "DE", "device", "mobile"), "s-1", "/landing", "paid_search", 3, 12.5,
                true, 49.9));
        assertThat(d.reason()).isNull();
        assertThat(d.detail()).isNull();
        assertThat(d.isOk()).isTrue();
    }

    @Test
    void decodesSessionWithDefaults() {
        assertThat(decode(json(SESSION)).event()).isEqualTo(new SessionEvent(TS, Event.DEFAULT_TENANT,
                Map.of(), "s-1", "/landing", "unknown", 1, 0.0, false, 0.0));
    }

    @Test
    void decodesLeadWithAllFieldsAndDefaults() {
        assertThat(decode("""
                {"type":"lead","ts":1795507200000,"tenant":"b2b","lead_id":"l-7","stage":"opportunity",
                 "channel":"webinar","owner":"alice"}""").event())
                .isEqualTo(new LeadEvent(TS, "b2b", Map.of(), "l-7", LeadEvent.LeadStage.OPPORTUNITY,
                        "webinar", "alice"));
        assertThat(decode(json(LEAD)).event()).isEqualTo(new LeadEvent(TS, "default", Map.of(), "l-1",
                LeadEvent.LeadStage.MQL, "unknown", "unassigned"));
    }

    @Test
    void decodesNpsWithAllFieldsAndDefaults() {
        assertThat(decode("""
                {"type":"nps","ts":1795507200000,"respondent_id":"r-9","score":0,"segment":"smb",
                 "product":"app"}""").event())
                .isEqualTo(new NpsEvent(TS, "default", Map.of(), "r-9", 0, "smb", "app"));
        assertThat(decode(with(NPS, "score", "10")).event())
                .isEqualTo(new NpsEvent(TS, "default", Map.of(), "r-1", 10, "all", "all"));
    }

    @Test
    void decodesSubscriptionWithAllFieldsAndDefaults() {
        assertThat(decode("""
                {"type":"subscription","ts":1795507200000,"customer_id":"c-2","action":"cancel",
                 "plan":"pro","mrr":29.99}""").event())
                .isEqualTo(new SubscriptionEvent(TS, "default", Map.of(), "c-2",
                        SubscriptionEvent.Action.CANCEL, "pro", 29.99));
        assertThat(decode(json(SUBSCRIPTION)).event()).isEqualTo(new SubscriptionEvent(TS, "default",
                Map.of(), "c-1", SubscriptionEvent.Action.START, "default", 0.0));
    }

    @Test
    void decodesOrderWithAllFieldsAndDefaults() {
        assertThat(decode("""
                {"type":"order","ts":1795507200000,"order_id":"o-9","customer_id":"c-9","amount":80.5,
                 "margin":-4.25,"channel":"email","new_customer":true}""").event())
                .isEqualTo(new OrderEvent(TS, "default", Map.of(), "o-9", "c-9", 80.5, -4.25, "email", true));
        assertThat(decode(json(ORDER)).event()).isEqualTo(new OrderEvent(TS, "default", Map.of(), "o-1",
                "c-1", 100.0, 0.0, "unknown", false));
        assertThat(decode(with(ORDER, "margin", "100")).event()).isEqualTo(new OrderEvent(TS, "default",
                Map.of(), "o-1", "c-1", 100.0, 100.0, "unknown", false));
    }

    @Test
    void negativeZeroIsAZeroAmountNotANegativeOne() {
        // records compare doubles bit-wise, and -0.0 would print as a negative amount downstream
        assertThat(decode(with(ORDER, "amount", "-0.0")).event()).isEqualTo(new OrderEvent(TS, "default",
                Map.of(), "o-1", "c-1", 0.0, 0.0, "unknown", false));
    }

    @Test
    void decodesAdSpendWithAllFieldsAndDefaults() {
        assertThat(decode("""
                {"type":"ad_spend","ts":1795507200000,"channel":"meta","campaign":"bf-2026","cost":1234.5,
                 "impressions":9000000000,"clicks":420}""").event())
                .isEqualTo(new AdSpendEvent(TS, "default", Map.of(), "meta", "bf-2026", 1234.5,
                        9_000_000_000L, 420L));
        assertThat(decode(json(AD_SPEND)).event()).isEqualTo(new AdSpendEvent(TS, "default", Map.of(),
                "google", "unknown", 10.0, 0L, 0L));
    }

    @Test
    void decodesEmail() {
        assertThat(decode(with(EMAIL, "action", "'unsubscribe'")).event()).isEqualTo(new EmailEvent(TS,
                "default", Map.of(), "black-friday", EmailEvent.Action.UNSUBSCRIBE));
    }

    @Test
    void decodesWallet() {
        assertThat(decode(with(WALLET, "action", "'withdrawal'")).event()).isEqualTo(new WalletEvent(TS,
                "default", Map.of(), "p-1", WalletEvent.Action.WITHDRAWAL, 5.0));
    }

    @Test
    void decodesMetricWithNegativeFractionalValueAndLabels() {
        assertThat(decode("""
                {"type":"metric","ts":"2026-11-24T09:00:00+01:00","name":"gross_margin_pct","value":-1.5e1,
                 "dims":{"team":"finance"}}""").event())
                .isEqualTo(new MetricEvent(TS, "default", Map.of("team", "finance"), "gross_margin_pct", -15.0));
    }

    @Test
    void decodesEveryWireNameOfEveryEnum() {
        for (LeadEvent.LeadStage s : LeadEvent.LeadStage.values()) {
            assertThat(((LeadEvent) decode(with(LEAD, "stage", "'" + s.name().toLowerCase() + "'")).event())
                    .stage()).isEqualTo(s);
        }
        for (SubscriptionEvent.Action a : SubscriptionEvent.Action.values()) {
            assertThat(((SubscriptionEvent) decode(with(SUBSCRIPTION, "action",
                    "'" + a.name().toLowerCase() + "'")).event()).action()).isEqualTo(a);
        }
        for (EmailEvent.Action a : EmailEvent.Action.values()) {
            assertThat(((EmailEvent) decode(with(EMAIL, "action", "'" + a.name().toLowerCase() + "'"))
                    .event()).action()).isEqualTo(a);
        }
        for (WalletEvent.Action a : WalletEvent.Action.values()) {
            assertThat(((WalletEvent) decode(with(WALLET, "action", "'" + a.name().toLowerCase() + "'"))
                    .event()).action()).isEqualTo(a);
        }
    }

    @Test
    void timestampFormsAreEquivalent() {
        for (String ts : new String[] {"1795507200000", "'2026-11-24T08:00:00Z'", "'2026-11-24T09:00:00+01:00'",
                "'2026-11-24T09:00:00+0100'", "'2026-11-24T02:30:00.000999-05:30'"}) {
            assertThat(decode(with(METRIC, "ts", ts)).event().ts()).as(ts).isEqualTo(TS);
        }
        assertThat(decode(with(METRIC, "ts", "'2026-11-24T08:00:00.123456+00:00'")).event().ts())
                .isEqualTo(TS + 123);
        assertThat(decode(with(METRIC, "ts", "0")).event().ts()).isZero();
    }

    // ---- structure

    @Test
    void fieldOrderDoesNotMatterTypeMayComeLast() {
        Decoded d = decode("""
                {"revenue":2,"converted":false,"pageviews":2,"page":"/p","dims":{"k":"v"},"session_id":"s",
                 "tenant":"t","ts":1795507200000,"type":"session"}""");
        assertThat(d.event()).isEqualTo(new SessionEvent(TS, "t", Map.of("k", "v"), "s", "/p", "unknown",
                2, 0.0, false, 2.0));
    }

    @Test
    void unknownFieldsAreSkippedIncludingNestedOnesThatLookLikeKnownFields() {
        Decoded d = decode("""
                {"extra":{"type":"lead","ts":-1,"a":[1,{"b":null},[true,"x"]]},"type":"nps",
                 "list":[{"type":"nope"},{"score":11}],"n":null,"f":1.5e300,"b":false,"ts":1795507200000,
                 "respondent_id":"r","score":7,"page":{"ignored":"because nps has no page"},
                 "amount":"also ignored","deep":[[[[[[{"x":[]}]]]]]]}""");
        assertThat(d.event()).isEqualTo(new NpsEvent(TS, "default", Map.of(), "r", 7, "all", "all"));
    }

    @Test
    void jsonNullIsTheSameAsAnAbsentField() {
        assertThat(decode(with(SESSION, "channel", "null")).event())
                .isEqualTo(decode(json(SESSION)).event());
        assertThat(decode(with(SESSION, "tenant", "null")).event().tenant()).isEqualTo("default");
        assertThat(decode(with(SESSION, "dims", "null")).event().dims()).isEmpty();
        assertThat(decode(with(SESSION, "page", "null")))
                .isEqualTo(Decoded.bad(MISSING_FIELD, "missing required field 'page'"));
    }

    @Test
    void emptyOptionalStringsTakeTheDefault() {
        assertThat(decode(with(LEAD, "owner", "''")).event()).isEqualTo(new LeadEvent(TS, "default",
                Map.of(), "l-1", LeadEvent.LeadStage.MQL, "unknown", "unassigned"));
        assertThat(decode(with(LEAD, "tenant", "''")).event().tenant()).isEqualTo("default");
    }

    @Test
    void lastDuplicateKeyWins() {
        assertThat(decode("""
                {"type":"lead","type":"nps","ts":1,"respondent_id":"a","respondent_id":"b","score":3,
                 "dims":{"k":"1","j":"2","k":"3"}}""").event())
                .isEqualTo(new NpsEvent(1, "default", Map.of("k", "3", "j", "2"), "b", 3, "all", "all"));
    }

    @Test
    void dimsAreImmutableMaps() {
        Map<String, String> dims = decode(with(METRIC, "dims",
                "{'z':'1','a':'2','m':'','':'empty key'}")).event().dims();
        assertThat(dims).containsOnly(entry("z", "1"), entry("a", "2"), entry("m", ""), entry("", "empty key"));
        assertThatThrownBy(() -> dims.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> one = decode(with(METRIC, "dims", "{'k':'v'}")).event().dims();
        assertThat(one).containsOnly(entry("k", "v"));
        assertThatThrownBy(() -> one.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(decode(with(METRIC, "dims", "{}")).event().dims()).isSameAs(Map.of());
        assertThat(decode(json(METRIC)).event().dims()).isSameAs(Map.of());
    }

    @Test
    void nothingLeaksFromOneRecordIntoTheNext() {
        assertThat(decode("""
                {"type":"session","ts":1,"tenant":"t1","dims":{"a":"b"},"session_id":"s","page":"p",
                 "channel":"c","pageviews":5,"duration_s":3,"converted":true,"revenue":9}""").isOk()).isTrue();
        assertThat(decode("{\"type\":\"session\",\"dims\":{\"x\":1},\"channel\":7}").reason())
                .isEqualTo(MISSING_FIELD);
        assertThat(decode(json(SESSION)).event()).isEqualTo(new SessionEvent(TS, "default", Map.of(), "s-1",
                "/landing", "unknown", 1, 0.0, false, 0.0));
    }

    @Test
    void decodesASubRangeOfALargerBuffer() {
        byte[] record = json(WALLET).getBytes(UTF_8);
        byte[] buffer = new byte[record.length + 20];
        byte[] junk = "}{garbage]".getBytes(UTF_8);
        System.arraycopy(junk, 0, buffer, 0, junk.length);
        System.arraycopy(record, 0, buffer, junk.length, record.length);
        System.arraycopy(junk, 0, buffer, junk.length + record.length, junk.length);

        assertThat(decoder.decode(buffer, junk.length, record.length).event())
                .isEqualTo(new WalletEvent(TS, "default", Map.of(), "p-1", WalletEvent.Action.BET, 5.0));
        Decoded cut = decoder.decode(buffer, junk.length, record.length - 1);
        assertThat(cut.reason()).isEqualTo(NOT_JSON);
        assertThat(cut.detail()).startsWith("not JSON: Unexpected end-of-input");
        assertThat(decoder.decode(buffer, junk.length, record.length + 1).reason()).isEqualTo(NOT_JSON);
        assertThat(decoder.decode(buffer, 3, 0)).isEqualTo(Decoded.bad(NOT_JSON, "not JSON: empty input"));
    }

    @Test
    void nullBytesAreEmptyInputAndABadRangeIsACallerBug() {
        assertThat(decoder.decode(null)).isEqualTo(Decoded.bad(NOT_JSON, "not JSON: empty input"));
        assertThat(decoder.decode(null, 0, 0)).isEqualTo(Decoded.bad(NOT_JSON, "not JSON: empty input"));
        assertThatThrownBy(() -> decoder.decode(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] bytes = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        Decoded d = decoder.decode(bytes);
        assertThat(d.reason()).isEqualTo(NOT_JSON);
        assertThat(d.detail()).contains("UTF-8");
    }

    @Test
    void excessiveNestingIsNotJsonRatherThanAStackOverflow() {
        String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        Decoded d = decode(deep);
        assertThat(d.reason()).isEqualTo(NOT_JSON);
        assertThat(d.detail()).contains("nesting depth");
    }

    @Test
    void detailsQuoteInputShortAndOnOneLine() {
        String longType = "x\n".repeat(500);
        Decoded d = decode("{\"type\":\"" + longType.replace("\n", "\\n") + "\",\"ts\":1}");
        assertThat(d.reason()).isEqualTo(UNKNOWN_TYPE);
        assertThat(d.detail()).isEqualTo("unknown event type '" + "x?".repeat(28) + "x...'");

        Decoded key = decode(with(METRIC, "dims", "{'" + "k".repeat(300) + "':1}"));
        assertThat(key.reason()).isEqualTo(WRONG_TYPE);
        assertThat(key.detail()).hasSizeLessThanOrEqualTo(Details.MAX_DETAIL).endsWith("...' must be a string, got number");
    }

    @Test
    void randomlyCorruptedRecordsNeverThrowAndAlwaysExplainThemselves() {
        Random random = new Random(42);
        List<byte[]> seeds = new ArrayList<>();
        for (Map<String, String> base : List.of(SESSION, LEAD, NPS, SUBSCRIPTION, ORDER, AD_SPEND, EMAIL,
                WALLET, METRIC)) {
            seeds.add(with(base, "dims", "{'a':'b','c':'d'}").getBytes(UTF_8));
        }
        byte[] alphabet = "{}[]\":,0123456789-+.eE tfnrulsaTZ\\\u00ff".getBytes(UTF_8);
        int ok = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] bytes = mutate(seed, random, alphabet);
            Decoded d = decoder.decode(bytes);
            if (d.isOk()) {
                ok++;
            } else {
                assertThat(d.detail()).isNotBlank().hasSizeLessThanOrEqualTo(Details.MAX_DETAIL)
                        .doesNotContain("\n", "\r");
            }
        }
        assertThat(ok).isBetween(100, 19_000);
    }

    // ---- bad records

    static Stream<Arguments> badRecords() {
        return Stream.of(
                // JSON validity comes first
                bad("not JSON", "hello", NOT_JSON, "not JSON: Unrecognized token 'hello'"),
                bad("truncated", "{\"type\":\"session\",\"ts\":1", NOT_JSON,
                        "not JSON: Unexpected end-of-input: expected close marker for Object"),
                bad("truncated in a string", "{\"type\":\"sess", NOT_JSON, "not JSON: Unexpected end-of-input"),
                bad("trailing garbage", json(SESSION) + " x", NOT_JSON, "not JSON: Unrecognized token 'x'"),
                bad("trailing second object", json(SESSION) + "{}", NOT_JSON,
                        "not JSON: trailing content after the event object"),
                bad("trailing close bracket", json(SESSION) + "]", NOT_JSON, "not JSON: Unexpected close marker"),
                bad("trailing comma", "{\"type\":\"session\",}", NOT_JSON, "not JSON: Unexpected character"),
                bad("single quotes", "{'type':'session'}", NOT_JSON, "not JSON: Unexpected character"),
                bad("NaN literal", with(METRIC, "value", "NaN"), NOT_JSON, "not JSON: Non-standard token 'NaN'"),
                bad("empty bytes", "", NOT_JSON, "not JSON: empty input"),
                bad("only whitespace", " \n\t ", NOT_JSON, "not JSON: empty input"),
                bad("JSON array", "[1,2]", WRONG_TYPE, "event must be a JSON object"),
                bad("JSON number", "42", WRONG_TYPE, "event must be a JSON object"),
                bad("JSON string", "\"session\"", WRONG_TYPE, "event must be a JSON object"),
                bad("JSON null", "null", WRONG_TYPE, "event must be a JSON object"),
                bad("truncated array", "[1,2", NOT_JSON, "not JSON: Unexpected end-of-input"),
                bad("array then garbage", "[1] x", NOT_JSON, "not JSON: Unrecognized token 'x'"),
                bad("type seen but malformed later", "{\"type\":\"session\",\"ts\":1,\"page\":}", NOT_JSON,
                        "not JSON: Unexpected character"),

                // type
                bad("missing type", without(SESSION, "type"), MISSING_FIELD, "missing required field 'type'"),
                bad("empty type", with(SESSION, "type", "''"), MISSING_FIELD, "missing required field 'type'"),
                bad("numeric type", with(SESSION, "type", "5"), WRONG_TYPE, "field 'type' must be a string, got 5"),
                bad("unknown type", with(SESSION, "type", "'pageview'"), UNKNOWN_TYPE,
                        "unknown event type 'pageview'"),
                bad("type is case sensitive", with(SESSION, "type", "'Session'"), UNKNOWN_TYPE,
                        "unknown event type 'Session'"),
                bad("unknown type reported before missing ts", without(with(SESSION, "type", "'x'"), "ts"),
                        UNKNOWN_TYPE, "unknown event type 'x'"),

                // ts
                bad("missing ts", without(SESSION, "ts"), MISSING_FIELD, "missing required field 'ts'"),
                bad("ts as float", with(SESSION, "ts", "1795507200000.5"), BAD_TIMESTAMP,
                        "field 'ts' must be epoch milliseconds or an ISO-8601 timestamp with offset, got 1.7955072000005E12"),
                bad("ts without offset", with(SESSION, "ts", "'2026-11-24T08:00:00'"), BAD_TIMESTAMP,
                        "got string '2026-11-24T08:00:00'"),
                bad("ts 30 February", with(SESSION, "ts", "'2026-02-30T00:00:00Z'"), BAD_TIMESTAMP,
                        "field 'ts' must be epoch milliseconds or an ISO-8601 timestamp with offset, got string '2026-02-30T00:00:00Z'"),
                bad("ts empty string", with(SESSION, "ts", "''"), BAD_TIMESTAMP, "got string ''"),
                bad("negative epoch", with(SESSION, "ts", "-1"), BAD_TIMESTAMP,
                        "field 'ts' must be at or after 1970-01-01T00:00:00Z, got -1"),
                bad("ISO before 1970", with(SESSION, "ts", "'1969-12-31T23:59:59Z'"), BAD_TIMESTAMP,
                        "field 'ts' must be at or after 1970-01-01T00:00:00Z, got string '1969-12-31T23:59:59Z'"),
                bad("ts beyond long", with(SESSION, "ts", "99999999999999999999"), BAD_TIMESTAMP,
                        "got 99999999999999999999"),
                bad("ts boolean", with(SESSION, "ts", "true"), BAD_TIMESTAMP, "got true"),
                bad("ts object", with(SESSION, "ts", "{'ms':1}"), BAD_TIMESTAMP, "got object"),
                bad("bad ts reported before missing fields", without(with(SESSION, "ts", "1.5"), "page"),
                        BAD_TIMESTAMP, "got 1.5"),

                // tenant and dims come before the type's fields
                bad("tenant number", with(SESSION, "tenant", "7"), WRONG_TYPE, "field 'tenant' must be a string, got 7"),
                bad("dims number value", with(SESSION, "dims", "{'country':'DE','n':1}"), WRONG_TYPE,
                        "field 'dims.n' must be a string, got number"),
                bad("dims boolean value", with(SESSION, "dims", "{'b':true}"), WRONG_TYPE,
                        "field 'dims.b' must be a string, got boolean"),
                bad("dims null value", with(SESSION, "dims", "{'x':null}"), WRONG_TYPE,
                        "field 'dims.x' must be a string, got null"),
                bad("dims nested object", with(SESSION, "dims", "{'o':{'p':'q'}}"), WRONG_TYPE,
                        "field 'dims.o' must be a string, got object"),
                bad("first bad dims key is named", with(SESSION, "dims", "{'a':[],'b':2}"), WRONG_TYPE,
                        "field 'dims.a' must be a string, got array"),
                bad("dims array", with(SESSION, "dims", "['a']"), WRONG_TYPE,
                        "field 'dims' must be an object of strings, got array"),
                bad("dims string", with(SESSION, "dims", "'a=b'"), WRONG_TYPE,
                        "field 'dims' must be an object of strings, got string"),
                bad("bad dims reported before missing fields", without(with(SESSION, "dims", "{'n':1}"), "page"),
                        WRONG_TYPE, "field 'dims.n'"),

                // missing required fields, per type
                bad("session without session_id", without(SESSION, "session_id"), MISSING_FIELD,
                        "missing required field 'session_id'"),
                bad("session without page", without(SESSION, "page"), MISSING_FIELD, "missing required field 'page'"),
                bad("session without pageviews", without(SESSION, "pageviews"), MISSING_FIELD,
                        "missing required field 'pageviews'"),
                bad("session first missing field wins", without(without(SESSION, "page"), "session_id"),
                        MISSING_FIELD, "missing required field 'session_id'"),
                bad("lead without lead_id", without(LEAD, "lead_id"), MISSING_FIELD, "missing required field 'lead_id'"),
                bad("lead without stage", without(LEAD, "stage"), MISSING_FIELD, "missing required field 'stage'"),
                bad("nps without respondent_id", without(NPS, "respondent_id"), MISSING_FIELD,
                        "missing required field 'respondent_id'"),
                bad("nps without score", without(NPS, "score"), MISSING_FIELD, "missing required field 'score'"),
                bad("subscription without customer_id", without(SUBSCRIPTION, "customer_id"), MISSING_FIELD,
                        "missing required field 'customer_id'"),
                bad("subscription without action", without(SUBSCRIPTION, "action"), MISSING_FIELD,
                        "missing required field 'action'"),
                bad("order without order_id", without(ORDER, "order_id"), MISSING_FIELD,
                        "missing required field 'order_id'"),
                bad("order without customer_id", without(ORDER, "customer_id"), MISSING_FIELD,
                        "missing required field 'customer_id'"),
                bad("order without amount", without(ORDER, "amount"), MISSING_FIELD, "missing required field 'amount'"),
                bad("ad_spend without channel", without(AD_SPEND, "channel"), MISSING_FIELD,
                        "missing required field 'channel'"),
                bad("ad_spend without cost", without(AD_SPEND, "cost"), MISSING_FIELD, "missing required field 'cost'"),
                bad("email without campaign", without(EMAIL, "campaign"), MISSING_FIELD,
                        "missing required field 'campaign'"),
                bad("email without action", without(EMAIL, "action"), MISSING_FIELD, "missing required field 'action'"),
                bad("wallet without player_id", without(WALLET, "player_id"), MISSING_FIELD,
                        "missing required field 'player_id'"),
                bad("wallet without action", without(WALLET, "action"), MISSING_FIELD, "missing required field 'action'"),
                bad("wallet without amount", without(WALLET, "amount"), MISSING_FIELD, "missing required field 'amount'"),
                bad("metric without name", without(METRIC, "name"), MISSING_FIELD, "missing required field 'name'"),
                bad("metric without value", without(METRIC, "value"), MISSING_FIELD, "missing required field 'value'"),
                bad("empty required string", with(ORDER, "customer_id", "''"), MISSING_FIELD,
                        "missing required field 'customer_id' (empty string)"),
                bad("empty required enum", with(EMAIL, "action", "''"), MISSING_FIELD,
                        "missing required field 'action' (empty string)"),

                // wrong JSON types
                bad("number for string", with(SESSION, "page", "12"), WRONG_TYPE, "field 'page' must be a string, got 12"),
                bad("object for string", with(LEAD, "lead_id", "{'id':1}"), WRONG_TYPE,
                        "field 'lead_id' must be a string, got object"),
                bad("number for optional string", with(LEAD, "owner", "1.5"), WRONG_TYPE,
                        "field 'owner' must be a string, got 1.5"),
                bad("boolean for enum", with(WALLET, "action", "false"), WRONG_TYPE,
                        "field 'action' must be a string, got false"),
                bad("string for number", with(ORDER, "amount", "'12'"), WRONG_TYPE,
                        "field 'amount' must be a number, got string '12'"),
                bad("array for number", with(METRIC, "value", "[1]"), WRONG_TYPE, "field 'value' must be a number, got array"),
                bad("string for boolean", with(SESSION, "converted", "'true'"), WRONG_TYPE,
                        "field 'converted' must be a boolean, got string 'true'"),
                bad("number for boolean", with(ORDER, "new_customer", "1"), WRONG_TYPE,
                        "field 'new_customer' must be a boolean, got 1"),
                bad("string for integer", with(AD_SPEND, "clicks", "'5'"), WRONG_TYPE,
                        "field 'clicks' must be an integer >= 0, got string '5'"),
                bad("3.0 for integer", with(SESSION, "pageviews", "3.0"), WRONG_TYPE,
                        "field 'pageviews' must be an integer >= 0, got 3.0"),
                bad("exponent for integer", with(AD_SPEND, "impressions", "1e3"), WRONG_TYPE,
                        "field 'impressions' must be an integer >= 0, got 1000.0"),

                // ranges
                bad("NPS 11", with(NPS, "score", "11"), OUT_OF_RANGE, "field 'score' must be an integer 0..10, got 11"),
                bad("NPS -1", with(NPS, "score", "-1"), OUT_OF_RANGE, "field 'score' must be an integer 0..10, got -1"),
                bad("NPS 7.5", with(NPS, "score", "7.5"), WRONG_TYPE, "field 'score' must be an integer 0..10, got 7.5"),
                bad("NPS beyond long", with(NPS, "score", "123456789012345678901234567890"), OUT_OF_RANGE,
                        "field 'score' must be an integer 0..10, got 123456789012345678901234567890"),
                bad("pageviews beyond int", with(SESSION, "pageviews", "3000000000"), OUT_OF_RANGE,
                        "field 'pageviews' must be an integer >= 0, got 3000000000"),
                bad("negative pageviews", with(SESSION, "pageviews", "-1"), OUT_OF_RANGE,
                        "field 'pageviews' must be an integer >= 0, got -1"),
                bad("clicks beyond long", with(AD_SPEND, "clicks", "9223372036854775808"), OUT_OF_RANGE,
                        "field 'clicks' must be an integer >= 0, got 9223372036854775808"),
                bad("negative impressions", with(AD_SPEND, "impressions", "-3"), OUT_OF_RANGE,
                        "field 'impressions' must be an integer >= 0, got -3"),
                bad("negative amount", with(ORDER, "amount", "-5"), OUT_OF_RANGE, "field 'amount' must be >= 0, got -5"),
                bad("negative wallet amount", with(WALLET, "amount", "-0.01"), OUT_OF_RANGE,
                        "field 'amount' must be >= 0, got -0.01"),
                bad("negative cost", with(AD_SPEND, "cost", "-0.5"), OUT_OF_RANGE, "field 'cost' must be >= 0, got -0.5"),
                bad("negative mrr", with(SUBSCRIPTION, "mrr", "-10"), OUT_OF_RANGE, "field 'mrr' must be >= 0, got -10"),
                bad("negative revenue", with(SESSION, "revenue", "-1"), OUT_OF_RANGE, "field 'revenue' must be >= 0, got -1"),
                bad("negative duration", with(SESSION, "duration_s", "-2.5"), OUT_OF_RANGE,
                        "field 'duration_s' must be >= 0, got -2.5"),
                bad("margin above amount", with(ORDER, "margin", "150"), OUT_OF_RANGE,
                        "field 'margin' must be <= amount (100), got 150"),
                bad("number overflowing double", with(METRIC, "value", "1e400"), OUT_OF_RANGE,
                        "field 'value' must be a finite number, got Infinity"),

                // enum values
                bad("unknown lead stage", with(LEAD, "stage", "'customer'"), OUT_OF_RANGE,
                        "field 'stage' must be one of lead, mql, sql, opportunity, won, lost, got 'customer'"),
                bad("upper-case lead stage", with(LEAD, "stage", "'MQL'"), OUT_OF_RANGE, "got 'MQL'"),
                bad("unknown subscription action", with(SUBSCRIPTION, "action", "'pause'"), OUT_OF_RANGE,
                        "field 'action' must be one of start, renew, cancel, expire, got 'pause'"),
                bad("unknown email action", with(EMAIL, "action", "'opened'"), OUT_OF_RANGE,
                        "field 'action' must be one of sent, delivered, open, click, unsubscribe, bounce, got 'opened'"),
                bad("unknown wallet action", with(WALLET, "action", "'refund'"), OUT_OF_RANGE,
                        "field 'action' must be one of deposit, bet, win, bonus, withdrawal, got 'refund'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void reportsTheFirstProblemOfABadRecord(String name, String json, DeadLetterReason reason, String detail) {
        Decoded d = decode(json);
        assertThat(d.event()).isNull();
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.detail()).contains(detail).hasSizeLessThanOrEqualTo(Details.MAX_DETAIL)
                .doesNotContain("\n", "\r");
    }

    @Test
    void decodedHoldsExactlyOneOutcome() {
        Event e = new MetricEvent(1, "t", Map.of(), "m", 1);
        assertThat(Decoded.ok(e)).isEqualTo(new Decoded(e, null, null));
        assertThat(Decoded.bad(NOT_JSON, "x").isOk()).isFalse();
        assertThatThrownBy(() -> new Decoded(e, NOT_JSON, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decoded(null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decoded(e, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decoded.bad(NOT_JSON, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Decoded.ok(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- helpers

    /**
     * Found by EventDecoderFuzzTest: Jackson pads a field name's last 4-byte group with 0xFF when
     * it looks the name up, so {@code "\xffts"} matched the {@code "ts"} a decoder had read before
     * and the record became an event, while a fresh decoder called it not JSON. Now every decoder
     * refuses it, and records Jackson reads as UTF-16 keep their 0xFF bytes.
     */
    @Test
    void aRecordWithA0xffByteIsNotJsonOnEveryDecoderAlike() {
        byte[] record = "{\"type\":\"session\",\"?ts\":1795507200000,\"session_id\":\"s\",\"page\":\"/\",\"pageviews\":1}"
                .getBytes(UTF_8);
        record[19] = (byte) 0xFF;
        EventDecoder warm = new EventDecoder();
        assertThat(warm.decode(json(SESSION).getBytes(UTF_8)).isOk()).isTrue();
        Decoded expected = Decoded.bad(NOT_JSON, "not JSON: byte 0xff, never in UTF-8, at column 20");
        assertThat(warm.decode(record)).isEqualTo(expected);
        assertThat(new EventDecoder().decode(record)).isEqualTo(expected);
        assertThat(new EventDecoder().decode("{\"type\":\"session\",\n \"x\":\"\u00ff\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).detail())
                .isEqualTo("not JSON: byte 0xff, never in UTF-8, at line 2, column 7");

        String metric = "{\"type\":\"metric\",\"ts\":1,\"name\":\"q\u00ff\",\"value\":1}";
        MetricEvent expectedMetric = new MetricEvent(1, Event.DEFAULT_TENANT, Map.of(), "q\u00ff", 1.0);
        byte[] littleEndian = metric.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[littleEndian.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(littleEndian, 0, withMark, 2, littleEndian.length);
        assertThat(decoder.decode(withMark).event()).isEqualTo(expectedMetric);
        assertThat(decoder.decode(littleEndian).event()).isEqualTo(expectedMetric);
        assertThat(decoder.decode(metric.getBytes(java.nio.charset.StandardCharsets.UTF_16)).event())
                .isEqualTo(expectedMetric);
    }

    private Decoded decode(String json) {
        return decoder.decode(json.getBytes(UTF_8));
    }

    private static Arguments bad(String name, String json, DeadLetterReason reason, String detail) {
        return Arguments.of(name, json, reason, detail);
    }

    /** Ordered fields from alternating key and raw JSON value, where ' stands for ". */
    private static Map<String, String> fields(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String json(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("{");
        fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v.replace('\'', '"')));
        return b.append('}').toString();
    }

    /** The record with {@code key} set to the raw JSON {@code value} (replaced in place or appended). */
    private static String with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return json(m);
    }

    /** The JSON record of {@code json} (from {@link #with}) without {@code key}. */
    private static String without(String json, String key) {
        Map<String, String> m = parseFlat(json);
        m.remove(key);
        return json(m);
    }

    private static String without(Map<String, String> base, String key) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.remove(key);
        return json(m);
    }

    /** Splits a flat test record built by {@link #json} back into raw key/value pairs. */
    private static Map<String, String> parseFlat(String json) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : json.substring(1, json.length() - 1).split(",(?=\")")) {
            int colon = part.indexOf("\":");
            m.put(part.substring(1, colon), part.substring(colon + 2));
        }
        return m;
    }

    private static byte[] mutate(byte[] seed, Random random, byte[] alphabet) {
        byte[] out = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = alphabet[random.nextInt(alphabet.length)];
                case 1 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter.length == 0 ? out : shorter;
                }
                case 2 -> out = java.util.Arrays.copyOf(out, at); // truncate
                default -> out[at] = (byte) random.nextInt(256);
            }
            if (out.length == 0) {
                return out;
            }
        }
        return out;
    }
}
