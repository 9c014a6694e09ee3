package dev.redflag.alert;

import dev.redflag.kpi.Example;
import dev.redflag.kpi.ExampleField;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.Examples;
import dev.redflag.kpi.IdPolicy;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiFormat;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a firing shows of its examples: IDs as a keyed hash (the known HMAC-SHA256 value), left out
 * or plain; the slice's examples when a slice fired it; ages; and the start-up check of the key.
 */
class AlertExamplesTest {

    private static final Function<String, KpiFormat> FIELDS = f -> KpiFormat.ofEventField(f, "$");
    private static final List<WindowSpec> HOUR = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    private static Example session(long ts, String id, String channel) {
        return new Example(ts, id, List.of(ExampleField.text("channel", channel)));
    }

    private static final KpiValue VALUE = new KpiValue("bounce_rate", "1h", Map.of("page", "/p"), 0, 3_600_000, 0.5,
            2, 4, 4, 2, 2, 4, List.of(), new Examples(
            List.of(session(3000, "s3", "seo"), session(2000, "s2", "paid"), session(1000, "s1", "paid")),
            Map.of("channel=paid,device=mobile", List.of(session(2000, "s2", "paid")),
                    "channel=paid,device=desktop", List.of(session(1000, "s1", "paid")),
                    "channel=seo,device=mobile", List.of(session(3000, "s3", "seo")))));

    private static ExampleSpec spec(IdPolicy ids, int max, boolean age) {
        return ExampleSpec.of(dev.redflag.event.EventType.SESSION, 0, "session_id", e -> true, List.of("channel"), max,
                ids, true, age);
    }

    @Test
    void aHashIsTheFirst12HexDigitsOfHmacSha256UnderTheKey() {
        // echo -n s-1 | openssl dgst -sha256 -hmac test-key → 2acb6dff0fdc18bc79d0…
        ExampleIds ids = ExampleIds.ofKey("test-key");
        assertThat(ids.token("s-1")).isEqualTo("2acb6dff0fdc");
        assertThat(ids.token("s-1")).as("the same person, the same token").isEqualTo("2acb6dff0fdc");
        assertThat(ids.token("s50")).isEqualTo("657b0593b703");
        assertThat(ids.toString()).doesNotContain("test-key");
    }

    @Test
    void aSliceFiringShowsOnlyThatSlicesExamplesNewestFirst() {
        List<AlertExample> shown = AlertExamples.of(spec(IdPolicy.PLAIN, 5, false), VALUE, "channel=paid", 3_600_000,
                ExampleIds.NONE);
        assertThat(shown).extracting(AlertExample::id).containsExactly("s2", "s1");
        assertThat(AlertExamples.text(shown, FIELDS)).isEqualTo("s2 · channel=paid\ns1 · channel=paid");

        List<AlertExample> series = AlertExamples.of(spec(IdPolicy.PLAIN, 2, false), VALUE, null, 3_600_000,
                ExampleIds.NONE);
        assertThat(series).extracting(AlertExample::id).containsExactly("s3", "s2");
    }

    @Test
    void hashedOmittedAndAgedExamplesReadAsTheyShould() {
        List<AlertExample> hashed = AlertExamples.of(spec(IdPolicy.HASH, 1, false), VALUE, null, 3_600_000,
                ExampleIds.ofKey("test-key"));
        assertThat(hashed).containsExactly(new AlertExample(ExampleIds.ofKey("test-key").token("s3"),
                List.of(ExampleField.text("channel", "seo")), 3000, -1));

        List<AlertExample> omitted = AlertExamples.of(spec(IdPolicy.OMIT, 5, false), VALUE, "channel=paid",
                3_600_000, ExampleIds.ofKey("test-key"));
        assertThat(omitted).extracting(AlertExample::id).containsOnlyNulls().hasSize(2);
        assertThat(AlertExamples.text(omitted, FIELDS)).isEqualTo("2 examples, IDs left out\nchannel=paid\nchannel=paid");

        // a default hash with no key configured shows no IDs rather than the IDs themselves
        assertThat(AlertExamples.of(spec(IdPolicy.HASH, 5, false), VALUE, null, 3_600_000, ExampleIds.NONE))
                .extracting(AlertExample::id).containsOnlyNulls();

        // the age at the alert: 1 h − 3 s, read to the hour
        List<AlertExample> aged = AlertExamples.of(spec(IdPolicy.PLAIN, 1, true), VALUE, null, 3_600_000,
                ExampleIds.NONE);
        assertThat(aged.get(0).ageMillis()).isEqualTo(3_597_000);
        assertThat(AlertExamples.text(aged, FIELDS)).isEqualTo("s3 · age 1h, channel=seo");
    }

    @Test
    void numbersBesideAnExampleReadInTheirUnitMoneyWithTheCatalogsCurrency() {
        List<AlertExample> churned = List.of(new AlertExample("c2", List.of(ExampleField.text("plan", "team"),
                ExampleField.number("mrr", 120)), 0, -1), new AlertExample("c3", List.of(
                ExampleField.number("mrr", 1234.5), ExampleField.number("duration_s", 95),
                ExampleField.number("pageviews", 3), ExampleField.number("score", 0.25)), 0, -1));

        assertThat(AlertExamples.text(churned, FIELDS))
                .isEqualTo("c2 · plan=team, mrr=$120.00\nc3 · mrr=$1,235, duration_s=2 min, pageviews=3, score=0.25");
        assertThat(AlertExamples.text(churned.subList(0, 1), f -> KpiFormat.ofEventField(f, "EUR")))
                .isEqualTo("c2 · plan=team, mrr=120.00 EUR");
    }

    @Test
    void aDeclaredHashWithoutAKeyIsAStartUpErrorThatNamesTheVariablesNotTheKey(@TempDir Path dir) throws Exception {
        KpiCatalog declared = KpiDefinitions.parse("""
                seed:
                  bounce_rate:
                    examples: {ids: hash}
                """, "kpis.yaml", HOUR);
        assertThatThrownBy(() -> ExampleIds.forCatalog(declared, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("examples of bounce_rate ask for ids: hash, which needs a key: set REDFLAG_EXAMPLE_ID_KEY"
                        + " or REDFLAG_EXAMPLE_ID_KEY_FILE (a secret of your choice; the same key keeps the same"
                        + " tokens), or use ids: omit");
        // the seed default is no error: its IDs are left out until a key is set
        assertThat(ExampleIds.forCatalog(KpiCatalog.builtins(HOUR), Map.of()).hasKey()).isFalse();

        Path file = dir.resolve("key");
        Files.writeString(file, "test-key\n");
        ExampleIds fromFile = ExampleIds.forCatalog(declared, Map.of(ExampleIds.FILE_VARIABLE, file.toString()));
        assertThat(fromFile.token("s-1")).isEqualTo("2acb6dff0fdc");
        assertThatThrownBy(() -> ExampleIds.fromEnvironment(Map.of(ExampleIds.VARIABLE, "test-key",
                ExampleIds.FILE_VARIABLE, file.toString())))
                .hasMessage("set only one of REDFLAG_EXAMPLE_ID_KEY, REDFLAG_EXAMPLE_ID_KEY_FILE");
        Files.writeString(file, " \n");
        assertThatThrownBy(() -> ExampleIds.fromEnvironment(Map.of(ExampleIds.FILE_VARIABLE, file.toString())))
                .hasMessage("REDFLAG_EXAMPLE_ID_KEY_FILE file is empty: " + file);
    }

    @Test
    void aTemplateMayNameTheExamplesAndWhatExplainsTheFiring() {
        KpiCatalog seed = KpiCatalog.builtins(HOUR);
        var rules = dev.redflag.rules.RuleLoader.parse("""
                groups:
                  - name: web
                    rules:
                      - alert: BounceHigh
                        kpi: bounce_rate
                        when: {above: 0.5}
                        severity: warning
                        annotations:
                          summary: "{{slice}} {{why}} {{examples}}"
                """, "web.yaml", seed);
        assertThat(rules.rules()).hasSize(1);
    }
}
