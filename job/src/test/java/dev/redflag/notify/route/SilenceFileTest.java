package dev.redflag.notify.route;

import dev.redflag.labels.MatcherSyntax;
import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.redflag.notify.route.Fixtures.at;
import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilenceFileTest {

    @Test
    void theFixtureReadsAndWritesBackByteForByte() {
        String text = Fixtures.text("silences.yaml");
        Silences silences = SilenceFile.read(text, "silences.yaml");
        assertThat(silences.silences()).hasSize(2);
        Silence first = silences.silences().get(0);
        assertThat(first.id()).isEqualTo("3f2a9c");
        assertThat(first.startsAt()).isEqualTo(at("2026-11-24T10:00:00Z"));
        assertThat(first.createdBy()).isEqualTo("alice");
        assertThat(first.comment()).isEqualTo("newsletter resend, it's expected");
        assertThat(silences.isSilenced(labels("alertname", "HighBounceRate", "tenant", "acme"),
                at("2026-11-24T11:00:00Z"))).isTrue();
        assertThat(SilenceFile.write(silences)).isEqualTo(text);
    }

    @Test
    void awkwardTextSurvivesARoundTrip(@TempDir Path dir) {
        Silence awkward = new Silence(List.of(
                MatcherSyntax.parse("page=~\"/blog/\\\"quoted\\\"\\\\.html\""),
                MatcherSyntax.parse("tenant!=\"it's\"")),
                at("2026-11-24T10:00:00Z"), at("2026-11-25T10:00:00Z"), "bob: on call",
                "two\nlines, a tab\t, \"quotes\", 'apostrophes', # not a comment, ünïcödé ✓", "id-2");
        Silences silences = new Silences(List.of(awkward));
        Path file = dir.resolve("silences.yaml");
        SilenceFile.save(file, silences);
        assertThat(SilenceFile.load(file)).isEqualTo(silences);
        assertThat(awkward.matchers().get(0).value()).isEqualTo("/blog/\"quoted\"\\.html");
        assertThat(SilenceFile.load(dir.resolve("absent.yaml"))).isEqualTo(Silences.NONE);
        assertThat(SilenceFile.read(SilenceFile.write(Silences.NONE), "x")).isEqualTo(Silences.NONE);
    }

    /**
     * What SilenceFileFuzzTest checks, written file reads back equal: a NEL in single quotes came
     * back as a space, and a C1 control or U+FFFE made the written file unreadable.
     */
    @Test
    void charactersYamlCannotHoldAsTheyAreAreEscapedSoTheyReadBack() {
        assertThat(SilenceFile.quote("a\u0085b")).isEqualTo("\"a\\x85b\"");
        assertThat(SilenceFile.quote("a\u009fb\ufffe\u2028")).isEqualTo("\"a\\x9fb\\ufffe\\u2028\"");
        assertThat(SilenceFile.quote("ünïcödé ✓ \uD83D\uDE00 'x'")).isEqualTo("'ünïcödé ✓ \uD83D\uDE00 ''x'''");
        for (String comment : List.of("next line\u0085here", "c1 \u009f", "not a character \ufffe",
                "line\u2028separator", "lone \uD800 surrogate")) {
            Silences silences = new Silences(List.of(new Silence(List.of(MatcherSyntax.parse("team=\"web\"")),
                    at("2026-11-24T10:00:00Z"), at("2026-11-25T10:00:00Z"), "alice", comment, "id-1")));
            assertThat(SilenceFile.read(SilenceFile.write(silences), "silences.yaml")).as(comment)
                    .isEqualTo(silences);
        }
    }

    @Test
    void savingKeepsTheCommentLinesAtTheTopOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("silences.yaml");
        Files.writeString(file, """
                # yaml-language-server: $schema=schema/silences.schema.json

                # kept by redflag silence
                silences: [] # not kept
                """);
        Silences one = SilenceFile.read(Fixtures.text("silences.yaml"), "fixture").withoutExpired(
                at("2026-11-30T00:00:00Z"));
        SilenceFile.save(file, one);
        assertThat(Files.readString(file)).isEqualTo("""
                # yaml-language-server: $schema=schema/silences.schema.json

                # kept by redflag silence
                """ + SilenceFile.write(one));
        assertThat(SilenceFile.load(file)).isEqualTo(one);
        assertThat(SilenceFile.header("silences: []\n# not a header\n")).isEmpty();
    }

    /** The misspelt created_by is not reported missing too, as in rule files. */
    @Test
    void mistakesAreReportedWithTheirPositions() {
        String yaml = """
                silences:
                  - id: a
                    matchers: ['tenant=~".*"']
                    starts_at: 2026-11-24T10:00:00Z
                    ends_at: 2026-11-24T09:00:00Z
                    created_by: alice
                    comment: x
                  - id: a
                    matchers: {alertname: HighBounceRate}
                    starts_at: yesterday
                    ends_at: 2026-11-24T09:00:00Z
                    creted_by: bob
                    comment: y
                """;
        assertThatThrownBy(() -> SilenceFile.read(yaml, "silences.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "silences.yaml:3:15: silences[0].matchers: would silence every alert; give at least one "
                                + "matcher that needs a label value, e.g. alertname=\"HighBounceRate\"",
                        "silences.yaml:10:16: silences[1].starts_at: 'yesterday' is not a time; write e.g. "
                                + "2026-11-24T10:00:00Z",
                        "silences.yaml:12:5: silences[1].creted_by: unknown key 'creted_by'; did you mean "
                                + "'created_by'?"));
    }

    @Test
    void badTimesAndOrderAreExplained() {
        String yaml = """
                silences:
                  - id: a
                    matchers: ['alertname="X"']
                    starts_at: 2026-11-24T10:00:00Z
                    ends_at: 2026-11-24T09:00:00Z
                    created_by: alice
                    comment: x
                  - id: b
                    matchers: ['alertname="X"']
                    starts_at: yesterday
                    ends_at: 2026-11-24T09:00:00Z
                    created_by: alice
                    comment: x
                """;
        assertThatThrownBy(() -> SilenceFile.read(yaml, "silences.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "silences.yaml:5:14: silences[0].ends_at: must be after starts_at (2026-11-24T10:00:00Z)",
                        "silences.yaml:10:16: silences[1].starts_at: 'yesterday' is not a time; write e.g. "
                                + "2026-11-24T10:00:00Z"));
    }
}
