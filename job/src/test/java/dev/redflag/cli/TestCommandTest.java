package dev.redflag.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redflag test}, in-process, on the fixtures in {@code src/test/resources/ruletest/}: what it
 * prints and how it exits, including the exact difference a failing test shows.
 */
class TestCommandTest {

    private static final String DIR = "src/test/resources/ruletest/";

    @TempDir
    Path tmp;

    @Test
    void passingTestsPrintTheirCountAndSuccess() {
        assertThat(run("test", DIR + "passing.test.yaml")).isEqualTo(new CliRun(0, DIR + "passing.test.yaml: 2 tests, "
                + "2 passed\nSUCCESS\n", ""));
    }

    @Test
    void absentAndKeepFiringForHappenWhenDueNotWhenTheTestLooks() {
        // keep_firing_for runs out at 5h between values at 4h and 10h; a series absent 3h fires at 7h;
        // a whole KPI absent 2h goes pending at 5h and fires at 6h (for 1h) with no check until 8h
        assertThat(run("test", DIR + "timing.test.yaml")).isEqualTo(new CliRun(0, DIR + "timing.test.yaml: 2 tests, "
                + "2 passed\nSUCCESS\n", ""));
    }

    @Test
    void aFailingTestShowsExpectedAndActualAlertsAndTheirDifference() {
        CliRun run = run("test", DIR + "failing.test.yaml");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("""
                src/test/resources/ruletest/failing.test.yaml: 2 tests, 1 passed, 1 failed
                  FAIL expectations that are wrong (line 3)
                    at 2026-11-02T04:00:00Z (+4h), line 15:
                      expected firing:
                        BounceHigh{page="/a"} summary="Bounce on /a is 0.4"
                        BounceHigh{page="/c"}
                      got firing:
                        BounceHigh{page="/a", tenant="acme"} summary="Bounce on /a is 0.6"
                      - BounceHigh{page="/a"} summary="Bounce on /a is 0.4"
                          BounceHigh{page="/a", tenant="acme"} is firing since 2026-11-02T02:00:00Z (+2h); value of the window ending 2026-11-02T04:00:00Z (+4h): value 0.4 <= 0.5
                      - BounceHigh{page="/c"}
                          no input series gives BounceHigh these labels
                      + BounceHigh{page="/a", tenant="acme"} summary="Bounce on /a is 0.6"
                          firing since 2026-11-02T02:00:00Z (+2h); value of the window ending 2026-11-02T04:00:00Z (+4h): value 0.4 <= 0.5
                    at 2026-11-02T07:00:00Z (+7h), line 22, alerts named BounceMissing:
                      expected firing:
                        (nothing)
                      got firing:
                        BounceMissing{page="/a", tenant="acme"}
                        BounceMissing{page="/b", tenant="acme"}
                      + BounceMissing{page="/a", tenant="acme"}
                          firing since 2026-11-02T07:00:00Z (+7h); no value for 3h >= 3h
                      + BounceMissing{page="/b", tenant="acme"}
                          firing since 2026-11-02T05:00:00Z (+5h); no value for 5h >= 3h
                    transitions, line 25:
                      expected:
                        2026-11-02T01:00:00Z (+1h)  pending   BounceHigh{page="/a"}
                        2026-11-02T02:00:00Z (+2h)  firing    BounceHigh{page="/a"}
                        2026-11-02T04:00:00Z (+4h)  resolved  BounceHigh{page="/a"}
                      got:
                        2026-11-02T01:00:00Z (+1h)  pending   BounceHigh{page="/a", tenant="acme"}
                        2026-11-02T01:00:00Z (+1h)  pending   BounceHigh{page="/b", tenant="acme"}
                        2026-11-02T02:00:00Z (+2h)  firing    BounceHigh{page="/a", tenant="acme"}
                        2026-11-02T02:00:00Z (+2h)  firing    BounceHigh{page="/b", tenant="acme"}
                        2026-11-02T04:00:00Z (+4h)  resolved  BounceHigh{page="/b", tenant="acme"}
                        2026-11-02T05:00:00Z (+5h)  resolved  BounceHigh{page="/a", tenant="acme"}
                      difference:
                          2026-11-02T01:00:00Z (+1h)  pending   BounceHigh{page="/a"}
                        + 2026-11-02T01:00:00Z (+1h)  pending   BounceHigh{page="/b", tenant="acme"}
                          2026-11-02T02:00:00Z (+2h)  firing    BounceHigh{page="/a"}
                        + 2026-11-02T02:00:00Z (+2h)  firing    BounceHigh{page="/b", tenant="acme"}
                        - 2026-11-02T04:00:00Z (+4h)  resolved  BounceHigh{page="/a"}
                        + 2026-11-02T04:00:00Z (+4h)  resolved  BounceHigh{page="/b", tenant="acme"}
                        + 2026-11-02T05:00:00Z (+5h)  resolved  BounceHigh{page="/a", tenant="acme"}
                FAILED
                """);
    }

    @Test
    void anInvalidRuleFileStopsItsTestsWithPositionedProblemsAndExit2() {
        CliRun run = run("test", DIR + "invalid-rules.test.yaml");

        assertThat(run).isEqualTo(new CliRun(2, DIR + "invalid-rules.test.yaml: not run, 2 problems\n"
                + "  " + DIR + "broken-rules/broken.yaml:5:14: groups[0].rules[0].kpi: unknown KPI 'bounce_rat'; "
                + "did you mean 'bounce_rate'?\n"
                + "  " + DIR + "broken-rules/broken.yaml:7:19: groups[0].rules[0].severity: 'warnig' is not one of "
                + "critical, warning, info; did you mean 'warning'?\n"
                + "FAILED\n", ""));
    }

    @Test
    void mistakesInATestFileAreAllReportedWithTheirPosition() {
        CliRun run = run("test", DIR + "mistakes.test.yaml");

        String file = DIR + "mistakes.test.yaml";
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out().lines()).containsExactly(
                file + ": not run, 10 problems",
                "  " + file + ":1:34: rule_files[1]: rule file not found: " + DIR + "rules/missing.yaml (paths are "
                        + "relative to the test file)",
                "  " + file + ":5:9: tests[0].input[0]: no start; give the start of the first window, e.g. start: "
                        + "2026-11-02T00:00:00Z (or a start for the whole test)",
                "  " + file + ":5:14: tests[0].input[0].kpi: unknown KPI 'bounce_rat'; did you mean 'bounce_rate'?",
                "  " + file + ":8:9: tests[0].input[1].dims: missing segment; nps series are keyed by tenant, segment",
                "  " + file + ":8:30: tests[0].input[1].dims.segmnt: nps has no dimension 'segmnt'; did you mean "
                        + "'segment'?; its dimensions are tenant, segment",
                "  " + file + ":10:17: tests[0].input[1].values: '3y' at column 6 is not a value; write v, vxN, "
                        + "a+bxN, _ or _xN (e.g. 0.3x6 0.6 _ 0.3)",
                "  " + file + ":12:13: tests[0].alerts[0].at: '8h' counts from the test's start, which is not given; "
                        + "add start: 2026-11-02T00:00:00Z to the test, or write an instant",
                "  " + file + ":14:33: tests[0].alerts[0].firing[0].labls: unknown key 'labls'; did you mean 'labels'?",
                "  " + file + ":16:36: tests[0].transitions[0].state: 'fired' is not one of pending, firing, "
                        + "resolved; did you mean 'firing'?",
                "  " + file + ":16:47: tests[0].transitions[0].at: '2026-11-02' is not a time; write an ISO-8601 "
                        + "instant with offset, e.g. 2026-11-02T08:00:00Z, or a duration after the test's start, e.g. 8h",
                "FAILED");
    }

    @Test
    void anAlertNameNoRuleRaisesIsAnError() {
        assertThat(run("test", DIR + "unknown-alert.test.yaml")).isEqualTo(new CliRun(2, DIR + "unknown-alert.test.yaml: "
                + "not run, 1 problem\n  " + DIR + "unknown-alert.test.yaml:11:9: no rule of the test's rule files "
                + "raises 'BounceHihg'; did you mean 'BounceHigh'?\nFAILED\n", ""));
    }

    @Test
    void eventsGoThroughTheJobsKpiOperators() {
        assertThat(run("test", DIR + "events.test.yaml")).isEqualTo(new CliRun(0, DIR + "events.test.yaml: 1 test, "
                + "1 passed\nSUCCESS\n", ""));
    }

    @Test
    void anEventTheJobRejectsIsAnErrorWhereItWasWritten() {
        assertThat(run("test", DIR + "bad-events.test.yaml")).isEqualTo(new CliRun(2, DIR + "bad-events.test.yaml: "
                + "not run, 1 problem\n  " + DIR + "bad-events.test.yaml:7:9: out_of_range: field 'score' must be an "
                + "integer 0..10, got 11\nFAILED\n", ""));
    }

    @Test
    void severalFilesAreSummedUpInTheLastLineAndTheWorstExitCodeWins() {
        CliRun run = run("test", DIR + "passing.test.yaml", DIR + "failing.test.yaml", DIR + "unknown-alert.test.yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).startsWith(DIR + "passing.test.yaml: 2 tests, 2 passed\n"
                + DIR + "failing.test.yaml: 2 tests, 1 passed, 1 failed\n").endsWith("FAILED\n");
    }

    @Test
    void aDirectoryRunsItsTestFilesAndRunSelectsTestsByName() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.copy(Path.of(DIR + "rules/fixture.yaml"), rules.resolve("fixture.yaml"));
        Files.copy(Path.of(DIR + "passing.test.yaml"), tmp.resolve("a.test.yaml"));
        Files.copy(Path.of(DIR + "failing.test.yaml"), tmp.resolve("b.test.yml"));
        Files.writeString(tmp.resolve("fixture.yaml"), "not: a test\n");

        assertThat(run("test", tmp.toString(), "--run", "right|few")).isEqualTo(new CliRun(0,
                tmp.resolve("a.test.yaml") + ": 1 test, 1 passed\n" + tmp.resolve("b.test.yml") + ": 1 test, "
                        + "1 passed\nSUCCESS\n", ""));
        assertThat(run("test", tmp.toString()).exit()).isEqualTo(1);
    }

    @Test
    void usageErrorsExit2() throws Exception {
        assertThat(run("test", tmp.resolve("nope").toString()))
                .isEqualTo(new CliRun(2, "", "tests not found: " + tmp.resolve("nope") + "\n"));
        assertThat(run("test", tmp.toString()))
                .isEqualTo(new CliRun(2, "", "no test files (*.test.yaml, *.test.yml) in " + tmp + "\n"));
        assertThat(run("test", DIR + "passing.test.yaml", "--run", "(").exit()).isEqualTo(2);
        assertThat(run("test").err()).startsWith("Missing required parameter: 'DIR|FILE'");
    }
}
