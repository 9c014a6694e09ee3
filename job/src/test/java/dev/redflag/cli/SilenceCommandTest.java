package dev.redflag.cli;

import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silence;
import dev.redflag.notify.route.Silences;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag silence add|list|expire|push} in-process, at a fixed time: output, file and exit codes. */
class SilenceCommandTest {

    private static final String NOW = "2026-11-26T12:00:00Z";
    private static final String HEADER = "# yaml-language-server: $schema=schema/silences.schema.json\n";

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void emptyFile() throws Exception {
        file = dir.resolve("silences.yaml");
        Files.writeString(file, HEADER + "silences: []\n");
    }

    /** {@code redflag silence <args> --file FILE --now NOW}. */
    private CliRun silence(String... args) {
        List<String> all = new ArrayList<>(List.of("silence"));
        all.addAll(List.of(args));
        all.addAll(List.of("--file", file.toString(), "--now", NOW));
        return run(all.toArray(String[]::new));
    }

    private Silences saved() {
        return SilenceFile.load(file);
    }

    @Test
    void addAppendsASilenceWithAnIdAndSaysWhatItMatches() throws Exception {
        CliRun run = silence("add", "--matcher", "alertname=\"BounceRateRising\"", "-m", "tenant=~\"acme|globex\"",
                "--duration", "2h", "--author", "alice", "--comment", "newsletter resend");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        Silence added = saved().silences().get(0);
        assertThat(added.id()).matches("[0-9a-f]{8}");
        assertThat(run.out()).isEqualTo("added silence " + added.id() + " to " + file + "\n"
                + "  matches  alertname=\"BounceRateRising\", tenant=~\"acme|globex\"\n"
                + "  active   2026-11-26T12:00:00Z to 2026-11-26T14:00:00Z (2h)\n");
        assertThat(added.startsAt()).isEqualTo(Instant.parse(NOW));
        assertThat(added.endsAt()).isEqualTo(Instant.parse("2026-11-26T14:00:00Z"));
        assertThat(added.createdBy()).isEqualTo("alice");
        assertThat(added.comment()).isEqualTo("newsletter resend");
        assertThat(Files.readString(file)).as("the editor's schema line stays").isEqualTo(HEADER + """
                silences:
                  - id: '%s'
                    matchers: ['alertname="BounceRateRising"', 'tenant=~"acme|globex"']
                    starts_at: '2026-11-26T12:00:00Z'
                    ends_at: '2026-11-26T14:00:00Z'
                    created_by: 'alice'
                    comment: 'newsletter resend'
                """.formatted(added.id()));
    }

    @Test
    void theSameSilenceAddedTwiceAtTheSameTimeGetsAnotherId() {
        String[] args = {"add", "-m", "team=growth", "--ends", "2026-11-27T08:00:00Z", "--author", "bob",
            "--comment", "redesign", "--quiet"};
        CliRun first = silence(args);
        CliRun second = silence(args);

        assertThat(first.out()).matches("[0-9a-f]{8}\n");
        assertThat(second.out()).matches("[0-9a-f]{10}\n").startsWith(first.out().strip());
        assertThat(saved().silences()).extracting(Silence::id)
                .containsExactly(first.out().strip(), second.out().strip());
        assertThat(saved().silences().get(0).endsAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void aSilenceCanStartLaterAndTheFileIsCreatedWhenAbsent() throws Exception {
        Files.delete(file);
        CliRun run = silence("add", "-m", "severity=\"info\"", "--starts", "2026-11-28T00:00:00+01:00",
                "--duration", "2d", "--author", "carol", "--comment", "weekend");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("  pending  2026-11-27T23:00:00Z to 2026-11-29T23:00:00Z (2d)\n");
        assertThat(Files.readString(file)).startsWith("silences:\n  - id: ");
    }

    @Test
    void mistakesInWhatIsAskedAreExplainedWithExit2AndChangeNothing() throws Exception {
        String before = Files.readString(file);
        assertThat(silence("add", "-m", "tenant", "--author", "a", "--comment", "c"))
                .isEqualTo(new CliRun(2, "", "--matcher 'tenant': after the label name 'tenant' comes =, !=, =~ or "
                        + "!~\n"));
        assertThat(silence("add", "-m", "page=~\"(blog\"", "--author", "a", "--comment", "c").err())
                .isEqualTo("--matcher 'page=~\"(blog\"' has an invalid regex: missing closing ): `(blog`\n");
        assertThat(silence("add", "-m", "tenant=~\".*\"", "--author", "a", "--comment", "c").err())
                .isEqualTo("--matcher: these would silence every alert; give at least one matcher that needs a "
                        + "label value, e.g. alertname=\"BounceRateRising\"\n");
        assertThat(silence("add", "-m", "team=growth", "--duration", "2 hours", "--author", "a", "--comment", "c")
                .err()).isEqualTo("--duration: '2 hours' is not a duration; write a number with a unit, e.g. 30s, 5m "
                        + "or 1h30m\n");
        assertThat(silence("add", "-m", "team=growth", "--ends", "tomorrow", "--author", "a", "--comment", "c").err())
                .isEqualTo("--ends: 'tomorrow' is not a time; write e.g. 2026-11-27T08:00:00Z\n");
        assertThat(silence("add", "-m", "team=growth", "--ends", "2026-11-26T11:00:00Z", "--author", "a",
                "--comment", "c").err())
                .isEqualTo("the silence would end at 2026-11-26T11:00:00Z, not after its start 2026-11-26T12:00:00Z\n");
        assertThat(silence("add", "-m", "team=growth", "--starts", "2026-11-26T08:00:00Z", "--duration", "1h",
                "--author", "a", "--comment", "c").err())
                .isEqualTo("the silence would end at 2026-11-26T09:00:00Z, which has passed\n");
        assertThat(silence("add", "-m", "team=growth", "--author", "a", "--comment", " ").err())
                .startsWith("--comment: say why");
        assertThat(silence("add", "-m", "team=growth", "--author", "a", "--comment", "c", "--bootstrap-servers",
                "localhost:9092").err()).isEqualTo("--config and --bootstrap-servers only apply with --publish\n");
        assertThat(silence("add", "-m", "team=growth", "--author", "a", "--comment", "c", "--publish").err())
                .isEqualTo("--publish needs --config FILE or --bootstrap-servers HOST:PORT\n");

        CliRun noComment = silence("add", "-m", "team=growth", "--author", "a");
        assertThat(noComment.exit()).isEqualTo(2);
        assertThat(noComment.err()).startsWith("Missing required option: '--comment=TEXT'");
        CliRun both = silence("add", "-m", "team=growth", "--duration", "1h", "--ends", "2026-11-27T08:00:00Z",
                "--author", "a", "--comment", "c");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("Error: --duration=DURATION, --ends=TIME are mutually exclusive");

        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aSilencesFileWithProblemsIsRefusedWithEveryProblemAndExit2() throws Exception {
        Files.writeString(file, """
                silences:
                  - id: a
                    matchers: ['tenant=acme']
                    starts_at: 2026-11-24T10:00:00Z
                    ends_at: soon
                    created_by: alice
                    coment: x
                """);
        String expected = file + ":5:14: silences[0].ends_at: 'soon' is not a time; write e.g. 2026-11-24T10:00:00Z\n"
                + file + ":7:5: silences[0].coment: unknown key 'coment'; did you mean 'comment'?\n";

        assertThat(silence("add", "-m", "team=growth", "--author", "a", "--comment", "c"))
                .isEqualTo(new CliRun(2, "", expected));
        assertThat(silence("list")).isEqualTo(new CliRun(2, "", expected));
        assertThat(silence("expire", "a")).isEqualTo(new CliRun(2, "", expected));
        assertThat(silence("push", "--bootstrap-servers", "localhost:1")).isEqualTo(new CliRun(2, "", expected));
    }

    @Test
    void listShowsActiveAndPendingSilencesWithTheirTimeLeft() throws Exception {
        Files.writeString(file, """
                silences:
                  - {id: old, matchers: ['team="crm"'], starts_at: 2026-11-20T00:00:00Z, ends_at: 2026-11-26T09:30:00Z,
                     created_by: dave, comment: migration}
                  - {id: now, matchers: ['alertname="NpsDropping"', 'segment!="smb"'], starts_at: 2026-11-26T11:00:00Z,
                     ends_at: 2026-11-26T13:29:30Z, created_by: alice, comment: "survey\\nresent"}
                  - {id: later, matchers: ['team=~"risk|crm"'], starts_at: 2026-11-28T00:00:00Z,
                     ends_at: 2026-11-30T00:00:00Z, created_by: bob, comment: weekend}
                """);

        assertThat(silence("list")).isEqualTo(new CliRun(0, """
                ID     STATE    STARTS                ENDS                  WHEN             MATCHERS                                 BY     COMMENT
                now    active   2026-11-26T11:00:00Z  2026-11-26T13:29:30Z  ends in 1h29m    alertname="NpsDropping", segment!="smb"  alice  survey resent
                later  pending  2026-11-28T00:00:00Z  2026-11-30T00:00:00Z  starts in 1d12h  team=~"risk|crm"                         bob    weekend
                2 of 3 silences; 1 ended, --all shows it
                """, ""));
        assertThat(silence("list", "--all").out())
                .contains("old    ended    2026-11-20T00:00:00Z  2026-11-26T09:30:00Z  ended 2h30m ago")
                .endsWith("3 of 3 silences\n");

        Files.writeString(file, "silences: []\n");
        assertThat(silence("list").out()).isEqualTo("no active or pending silences in " + file + "\n");
    }

    @Test
    void expireEndsAnActiveSilenceNowAndRemovesOneThatHasNotStarted() throws Exception {
        Files.writeString(file, HEADER + """
                silences:
                  - {id: now, matchers: ['team="growth"'], starts_at: 2026-11-26T11:00:00Z,
                     ends_at: 2026-11-26T13:00:00Z, created_by: alice, comment: deploy}
                  - {id: later, matchers: ['team="crm"'], starts_at: 2026-11-28T00:00:00Z,
                     ends_at: 2026-11-30T00:00:00Z, created_by: bob, comment: weekend}
                """);

        assertThat(silence("expire", "now")).isEqualTo(new CliRun(0,
                "expired silence now (team=\"growth\") at 2026-11-26T12:00:00Z in " + file + "\n", ""));
        assertThat(saved().silences().get(0).endsAt()).isEqualTo(Instant.parse(NOW));
        assertThat(saved().isSilenced(java.util.Map.of("team", "growth"), Instant.parse(NOW))).isFalse();

        assertThat(silence("expire", "later")).isEqualTo(new CliRun(0,
                "removed silence later (team=\"crm\") from " + file + ": it had not started yet\n", ""));
        assertThat(saved().silences()).extracting(Silence::id).containsExactly("now");
        assertThat(Files.readString(file)).startsWith(HEADER);

        assertThat(silence("expire", "now")).isEqualTo(new CliRun(2, "",
                "silence now already ended at 2026-11-26T12:00:00Z\n"));
        assertThat(silence("expire", "nope")).isEqualTo(new CliRun(2, "",
                "no silence 'nope' in " + file + "; silence list --all shows the ids\n"));
    }

    @Test
    void pushNeedsAFileAndABroker() throws Exception {
        assertThat(silence("push")).isEqualTo(new CliRun(2, "",
                "give --config FILE or --bootstrap-servers HOST:PORT to publish\n"));
        Files.delete(file);
        assertThat(silence("push", "--bootstrap-servers", "localhost:1")).isEqualTo(new CliRun(2, "",
                "silences file not found: " + file + "\n"));
    }
}
