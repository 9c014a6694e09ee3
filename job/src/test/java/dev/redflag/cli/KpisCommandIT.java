package dev.redflag.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.redflag.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code redflag kpis} over a JSON-lines file, in process, through the batch pipeline. */
class KpisCommandIT {

    @TempDir
    Path dir;

    private Path events() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(
                "{\"type\":\"nps\",\"ts\":\"2026-11-20T10:00:00Z\",\"respondent_id\":\"r1\",\"score\":10,\"segment\":\"smb\"}",
                "{\"type\":\"nps\",\"ts\":\"2026-11-20T10:01:00Z\",\"respondent_id\":\"r2\",\"score\":9,\"segment\":\"smb\"}",
                "{\"type\":\"nps\",\"ts\":1795168920000,\"respondent_id\":\"r3\",\"score\":3,\"segment\":\"smb\"}",
                "{\"type\":\"nps\",\"ts\":\"2026-11-20T10:03:00Z\",\"respondent_id\":\"r4\",\"score\":8,\"segment\":\"smb\"}",
                "not json at all",
                "",
                "{\"type\":\"session\",\"ts\":\"2026-11-20T10:00:00Z\",\"session_id\":\"s1\",\"page\":\"/pricing\",\"pageviews\":1}",
                "{\"type\":\"session\",\"ts\":\"2026-11-20T10:30:00Z\",\"session_id\":\"s2\",\"page\":\"/pricing\",\"pageviews\":3}",
                "{\"type\":\"session\",\"ts\":\"2026-11-20T09:59:00Z\",\"session_id\":\"s3\",\"page\":\"/pricing\",\"pageviews\":1}",
                "{\"type\":\"nps\",\"ts\":\"2026-11-20T10:00:00Z\",\"respondent_id\":\"r9\",\"score\":11}"));
        return file;
    }

    @Test
    void jsonlPrintsOneObjectPerKpiValueAndReportsBadLinesWithNumbers() throws Exception {
        CliRun run = run("kpis", "--events", events().toString(), "--format", "jsonl");
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "{\"kpi\":\"bounce_rate\",\"window\":\"1h\",\"dims\":{\"page\":\"/pricing\",\"tenant\":\"default\"},"
                        + "\"windowStart\":\"2026-11-20T09:00:00Z\",\"windowEnd\":\"2026-11-20T10:00:00Z\","
                        + "\"value\":1,\"numerator\":1,\"denominator\":1,\"sample\":1,"
                        + "\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":1,"
                        // the seed's slices: these sessions name no channel and send no device
                        + "\"slices\":[{\"name\":\"channel=unknown\",\"numerator\":1,\"denominator\":1,\"samples\":1,\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":1},"
                        + "{\"name\":\"device=unknown\",\"numerator\":1,\"denominator\":1,\"samples\":1,\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":1},"
                        + "{\"name\":\"channel=unknown,device=unknown\",\"numerator\":1,\"denominator\":1,\"samples\":1,\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":1}]}",
                "{\"kpi\":\"conversion_rate\",\"window\":\"1h\",\"dims\":{\"channel\":\"unknown\",\"tenant\":\"default\"},"
                        + "\"windowStart\":\"2026-11-20T09:00:00Z\",\"windowEnd\":\"2026-11-20T10:00:00Z\","
                        + "\"value\":0,\"numerator\":0,\"denominator\":1,\"sample\":1,"
                        + "\"numeratorSquares\":0,\"crossProducts\":0,\"denominatorSquares\":1,"
                        + "\"slices\":[{\"name\":\"device=unknown\",\"numerator\":0,\"denominator\":1,\"samples\":1,\"numeratorSquares\":0,\"crossProducts\":0,\"denominatorSquares\":1}]}",
                "{\"kpi\":\"bounce_rate\",\"window\":\"1h\",\"dims\":{\"page\":\"/pricing\",\"tenant\":\"default\"},"
                        + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                        + "\"value\":0.5,\"numerator\":1,\"denominator\":2,\"sample\":2,"
                        + "\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":2,"
                        + "\"slices\":[{\"name\":\"channel=unknown\",\"numerator\":1,\"denominator\":2,\"samples\":2,\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":2},"
                        + "{\"name\":\"device=unknown\",\"numerator\":1,\"denominator\":2,\"samples\":2,\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":2},"
                        + "{\"name\":\"channel=unknown,device=unknown\",\"numerator\":1,\"denominator\":2,\"samples\":2,\"numeratorSquares\":1,\"crossProducts\":1,\"denominatorSquares\":2}]}",
                "{\"kpi\":\"conversion_rate\",\"window\":\"1h\",\"dims\":{\"channel\":\"unknown\",\"tenant\":\"default\"},"
                        + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                        + "\"value\":0,\"numerator\":0,\"denominator\":2,\"sample\":2,"
                        + "\"numeratorSquares\":0,\"crossProducts\":0,\"denominatorSquares\":2,"
                        + "\"slices\":[{\"name\":\"device=unknown\",\"numerator\":0,\"denominator\":2,\"samples\":2,\"numeratorSquares\":0,\"crossProducts\":0,\"denominatorSquares\":2}]}",
                // 2 promoters, 1 passive, 1 detractor of 4: 25 points; moments of +1, +1, 0, -1
                "{\"kpi\":\"nps\",\"window\":\"1h\",\"dims\":{\"segment\":\"smb\",\"tenant\":\"default\"},"
                        + "\"windowStart\":\"2026-11-20T10:00:00Z\",\"windowEnd\":\"2026-11-20T11:00:00Z\","
                        + "\"value\":25,\"numerator\":1,\"denominator\":4,\"sample\":4,"
                        + "\"numeratorSquares\":3,\"crossProducts\":1,\"denominatorSquares\":4,"
                        // no product given: all
                        + "\"slices\":[{\"name\":\"product=all\",\"numerator\":1,\"denominator\":4,\"samples\":4,\"numeratorSquares\":3,\"crossProducts\":1,\"denominatorSquares\":4}]}");
        assertThat(run.err().lines()).containsExactly(
                "events.jsonl:5: not_json: not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at column 5",
                "events.jsonl:6: not_json: not JSON: empty input",
                "events.jsonl:10: out_of_range: field 'score' must be an integer 0..10, got 11",
                "3 of 10 lines rejected");
    }

    @Test
    void tableIsTheDefaultFormat() throws Exception {
        CliRun run = run("kpis", "--events", events().toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out().lines().findFirst()).hasValue(
                "WINDOW START          WINDOW  KPI              DIMS                            VALUE   NUM/DEN  SAMPLE");
        assertThat(run.out()).contains(
                "2026-11-20T10:00:00Z  1h      nps              segment=smb,tenant=default      25      1/4      4",
                "5 KPI values");
    }

    @Test
    void aMissingFileOrBadConfigIsAClearErrorNotAStackTrace() throws Exception {
        CliRun missing = run("kpis", "--events", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: ").contains("nope.jsonl").doesNotContain("\tat ");

        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "kafka:\n  bootstrap-servers: localhost:9092\n  topics: {events: [e]}\nevent-time:\n  allowed-lateness: soon\n");
        CliRun bad = run("kpis", "--events", events().toString(), "--config", config.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo(config + ":5:21: event-time.allowed-lateness: 'soon' is not a duration; write a number with a unit, e.g. 30s, 5m or 1h30m\n");
    }
}
