package dev.redflag.docs;

import dev.redflag.cli.Redflag;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/cli.md documents every command of {@code redflag} with every option, parameter and its exit
 * codes, in the section of its top-level command; and the benchmark's options.
 */
class CliDocsTest {

    private static final Path CLI_MD = Path.of("docs/cli.md");

    @Test
    void everyCommandOptionAndParameterIsInItsSectionOfTheCliReference() throws IOException {
        Map<String, String> sections = sections();
        List<String> missing = new ArrayList<>();
        for (CommandLine top : Redflag.commandLine().getSubcommands().values()) {
            String name = top.getCommandName();
            if (name.equals("help")) {
                continue;
            }
            String section = sections.get("redflag " + name);
            if (section == null) {
                missing.add("no section '## `redflag " + name + "`'");
                continue;
            }
            checkCommand(top, section, missing);
        }
        assertThat(missing).as("missing from %s:%n%s", CLI_MD, String.join("\n", missing)).isEmpty();
    }

    @Test
    void everyCommandSectionNamesACommandThatExists() throws IOException {
        assertThat(sections().keySet()).allSatisfy(heading -> assertThat(Redflag.commandLine().getSubcommands())
                .containsKey(heading.split(" ")[1]));
    }

    @Test
    void everyBenchmarkOptionIsInTheCliReference() throws IOException {
        String bench = Files.readString(DocPage.REPOSITORY.resolve("bench/src/main/java/dev/redflag/bench/Bench.java"));
        String cli = Files.readString(DocPage.REPOSITORY.resolve(CLI_MD));
        Matcher option = Pattern.compile("case \"(--[a-z-]+)\"").matcher(bench);
        List<String> options = new ArrayList<>();
        while (option.find()) {
            options.add(option.group(1));
        }
        assertThat(options).hasSizeGreaterThan(10).allSatisfy(o -> assertThat(cli).contains(o));
    }

    private static void checkCommand(CommandLine command, String section, List<String> missing) {
        CommandSpec spec = command.getCommandSpec();
        String qualified = spec.qualifiedName(" ");
        if (!section.contains(qualified)) {
            missing.add(qualified + ": the command");
        }
        for (OptionSpec option : spec.options()) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            if (!section.contains("`" + option.longestName())) {
                missing.add(qualified + ": option " + option.longestName());
            }
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (!parameter.hidden() && !section.contains("`" + parameter.paramLabel().replace("|", "\\|"))) {
                missing.add(qualified + ": parameter " + parameter.paramLabel());
            }
        }
        if (!section.contains("Exit codes:")) {
            missing.add(qualified + ": its exit codes");
        }
        for (String code : spec.usageMessage().exitCodeList().keySet()) {
            if (!Pattern.compile("Exit codes:[^#]*\\b" + Pattern.quote(code.strip()) + "\\b").matcher(section).find()) {
                missing.add(qualified + ": exit code " + code.strip());
            }
        }
        command.getSubcommands().values().forEach(sub -> checkCommand(sub, section, missing));
    }

    /** The text of each {@code ## `redflag NAME`} section of cli.md, by "redflag NAME" (the first two words). */
    private static Map<String, String> sections() throws IOException {
        List<String> lines = Files.readAllLines(DocPage.REPOSITORY.resolve(CLI_MD));
        List<Heading> headings = new ArrayList<>();
        DocPage.read(CLI_MD).document().accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() <= 2) {
                    headings.add(heading);
                }
            }
        });
        Map<String, String> sections = new LinkedHashMap<>();
        for (int i = 0; i < headings.size(); i++) {
            String[] words = Anchors.text(headings.get(i)).split(" ");
            if (words.length < 2 || !words[0].equals("redflag")) {
                continue;
            }
            int start = DocPage.line(headings.get(i)) - 1;
            int end = i + 1 < headings.size() ? DocPage.line(headings.get(i + 1)) - 1 : lines.size();
            sections.put(words[0] + " " + words[1], String.join("\n", lines.subList(start, end)));
        }
        return sections;
    }
}
