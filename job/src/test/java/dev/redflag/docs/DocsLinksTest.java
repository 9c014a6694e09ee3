package dev.redflag.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README and docs/ link only to files and headings that exist. */
class DocsLinksTest {

    @Test
    void everyRelativeLinkAndAnchorOfTheDocsResolves() {
        List<DocPage> pages = DocPage.repositoryPages();
        List<String> broken = new DocLinks(DocPage.REPOSITORY, pages, DocPage::read).broken(pages);
        assertThat(broken).as("broken links:%n%s", String.join("\n", broken)).isEmpty();
    }

    @Test
    void theReadmeLinksEveryDocsPageAndStaysShort() throws IOException {
        String readme = Files.readString(DocPage.REPOSITORY.resolve("README.md"));
        List<String> pages = DocPage.repositoryPages().stream().map(p -> p.path().toString().replace('\\', '/'))
                .filter(p -> p.startsWith("docs/")).toList();
        assertThat(pages).hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(page -> assertThat(readme).contains("](" + page + ")"));
        assertThat(readme.lines().count()).isLessThan(300);
    }

    /** Code, config and scripts (not tests, whose pages are made up) that send the reader to a Markdown file name one that exists. */
    @Test
    void markdownFilesNamedInTheCodeAndConfigExist() throws IOException {
        Pattern mention = Pattern.compile("[\\w./-]*[A-Za-z_]\\.md\\b");
        List<String> missing = new ArrayList<>();
        for (String dir : List.of("alerts-config", "deploy", "job/src/main", "bench/src/main", ".ci")) {
            try (Stream<Path> files = Files.walk(DocPage.REPOSITORY.resolve(dir))) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/")
                        && !f.toString().contains("/run/") && !f.toString().contains("/src/test/")).toList()) {
                    List<String> lines;
                    try {
                        lines = Files.readAllLines(file);
                    } catch (java.nio.charset.MalformedInputException binary) {
                        continue;
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = mention.matcher(lines.get(i));
                        while (m.find()) {
                            if (m.group().contains("target/")) {
                                continue; // a file the build writes
                            }
                            Path named = Path.of(m.group());
                            if (!Files.exists(DocPage.REPOSITORY.resolve(named)) && !Files.exists(file.resolveSibling(named))) {
                                missing.add(DocPage.REPOSITORY.relativize(file) + ":" + (i + 1) + ": " + m.group());
                            }
                        }
                    }
                }
            }
        }
        assertThat(missing).as("Markdown files that do not exist:%n%s", String.join("\n", missing)).isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsReportedWithItsPageAndLine(@TempDir Path root) throws IOException {
        Map<String, String> files = new TreeMap<>(Map.of(
                "docs/a.md", """
                        # A page

                        ## Some `code` heading

                        See [this](#some-code-heading), [the other page](b.md#other-heading), [the README](../README.md)
                        and [the picture](images/p.svg).

                        Broken: [one](#no-such-heading), [two](b.md#nope),
                        [three](missing.md) and ![four](images/gone.svg); [out](../../etc/passwd).
                        """,
                "docs/b.md", "# B\n\n## Other heading\n",
                "docs/images/p.svg", "<svg/>",
                "README.md", "# readme\n"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.createDirectories(root.resolve(file.getKey()).getParent());
            Files.writeString(root.resolve(file.getKey()), file.getValue());
        }
        List<DocPage> pages = List.of(DocPage.parse(Path.of("docs/a.md"), files.get("docs/a.md")));
        List<String> broken = new DocLinks(root, pages,
                p -> DocPage.parse(p, read(root.resolve(p)))).broken(pages);

        assertThat(broken).containsExactly(
                "docs/a.md:8: link '#no-such-heading': no heading with the anchor #no-such-heading in docs/a.md",
                "docs/a.md:8: link 'b.md#nope': no heading with the anchor #nope in docs/b.md",
                "docs/a.md:9: link 'missing.md': no such file docs/missing.md",
                "docs/a.md:9: link 'images/gone.svg': no such file docs/images/gone.svg",
                "docs/a.md:9: link '../../etc/passwd': leads out of the repository");
    }

    @Test
    void anchorsAreGithubsSlugsNumberedWhenRepeated() {
        assertThat(Anchors.slug("Backtesting rules (`redflag backtest`)")).isEqualTo("backtesting-rules-redflag-backtest");
        assertThat(Anchors.slug("Upgrades (savepoints)")).isEqualTo("upgrades-savepoints");
        assertThat(Anchors.slug("`routes.yaml`")).isEqualTo("routesyaml");
        assertThat(Anchors.slug("Key curve and the 1 GiB heap check")).isEqualTo("key-curve-and-the-1-gib-heap-check");
        assertThat(Anchors.slug("Not reached: Numenta HTM's 70.1")).isEqualTo("not-reached-numenta-htms-701");
        assertThat(Anchors.slug("snake_case and kebab-case")).isEqualTo("snake_case-and-kebab-case");
        DocPage page = DocPage.parse(Path.of("x.md"), "# Results\n\n## Results\n\n### Results\n\n## Results 1\n");
        assertThat(Anchors.of(page)).containsExactly("results", "results-1", "results-2", "results-1-1");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
