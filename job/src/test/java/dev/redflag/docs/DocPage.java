package dev.redflag.docs;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Markdown page of the documentation, parsed with the positions of its nodes.
 *
 * @param path     the page's path from the repository root, as messages name it ({@code docs/rules.md})
 * @param document the parsed page
 */
public record DocPage(Path path, Node document) {

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    /** The repository root, seen from the job module where the tests run. */
    public static final Path REPOSITORY = Path.of("..");

    public static DocPage parse(Path path, String markdown) {
        return new DocPage(path, PARSER.parse(markdown));
    }

    /** README.md and every Markdown file under docs/, in path order. */
    public static List<DocPage> repositoryPages() {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        try (Stream<Path> walk = Files.walk(REPOSITORY.resolve("docs"))) {
            walk.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .map(p -> REPOSITORY.relativize(p))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().map(DocPage::read).toList();
    }

    /** A page of the repository by its path from the root. */
    public static DocPage read(Path path) {
        try {
            return parse(path, Files.readString(REPOSITORY.resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1-based line of a node, for messages. */
    static int line(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
    }

    /** Where a message points: {@code docs/rules.md:12}. */
    String at(int line) {
        return path.toString().replace('\\', '/') + ":" + line;
    }
}
