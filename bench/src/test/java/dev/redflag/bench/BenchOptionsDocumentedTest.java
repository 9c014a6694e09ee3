package dev.redflag.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/performance.md describes every option and every run the benchmark's --help lists. */
class BenchOptionsDocumentedTest {

    private static final Path PAGE = Path.of("../docs/performance.md");

    @Test
    void everyOptionOfTheHelpIsOnThePerformancePage() throws Exception {
        String page = Files.readString(PAGE);
        List<String> options = options(Bench.USAGE).stream().distinct().toList();

        assertThat(options).contains("--events", "--passes", "--warmup-rounds", "--key-points");
        assertThat(options).allSatisfy(option -> assertThat(page).as(option).contains("`" + option));
    }

    /** The CLI reference shows the same usage, option for option. */
    @Test
    void theCliReferenceListsTheSameOptions() throws Exception {
        String cli = Files.readString(Path.of("../docs/cli.md"));
        String section = cli.substring(cli.indexOf("## The benchmark"));
        String block = section.substring(section.indexOf("```"), section.indexOf("```", section.indexOf("```") + 3));

        assertThat(options(block)).isEqualTo(options(Bench.USAGE));
    }

    private static List<String> options(String text) {
        return Pattern.compile("--[a-z][a-z-]+").matcher(text).results().map(r -> r.group()).sorted().toList();
    }

    @Test
    void everyRunIsDescribedInTheRunsTable() throws Exception {
        String page = Files.readString(PAGE);
        Matcher m = Pattern.compile("--runs ([a-z0-9,-]+)").matcher(Bench.USAGE);
        assertThat(m.find()).isTrue();

        assertThat(m.group(1).split(",")).hasSize(11)
                .allSatisfy(run -> assertThat(page).as(run).containsPattern("\\n\\| [^|\\n]*`" + run + "`[^|\\n]*\\|"));
    }
}
