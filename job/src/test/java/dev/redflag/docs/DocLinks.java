package dev.redflag.docs;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Relative links and anchors of the documentation that do not lead anywhere. Links with a scheme
 * (https:, mailto:) are the web's business and are not followed.
 */
final class DocLinks {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();
    private final Function<Path, DocPage> reader;

    /**
     * @param root   the repository root the page paths are relative to
     * @param pages  the pages to check; links into other Markdown files read them with {@code reader}
     */
    DocLinks(Path root, List<DocPage> pages, Function<Path, DocPage> reader) {
        this.root = root;
        this.reader = reader;
        pages.forEach(p -> anchors.put(p.path().normalize(), Anchors.of(p)));
    }

    /** One line per link that does not resolve: {@code docs/rules.md:12: link 'x.md#y': ...}. */
    List<String> broken(List<DocPage> pages) {
        List<String> broken = new ArrayList<>();
        for (DocPage page : pages) {
            page.document().accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    check(page, link, link.getDestination(), broken);
                    visitChildren(link);
                }

                @Override
                public void visit(Image image) {
                    check(page, image, image.getDestination(), broken);
                }
            });
        }
        return broken;
    }

    private void check(DocPage page, Node node, String destination, List<String> broken) {
        if (SCHEME.matcher(destination).find()) {
            return;
        }
        String where = page.at(DocPage.line(node)) + ": link '" + destination + "': ";
        int hash = destination.indexOf('#');
        String file = URLDecoder.decode(hash < 0 ? destination : destination.substring(0, hash), StandardCharsets.UTF_8);
        String anchor = hash < 0 ? null : destination.substring(hash + 1);
        Path target = file.isEmpty() ? page.path().normalize() : parent(page.path()).resolve(file).normalize();
        if (target.startsWith("..") || target.isAbsolute()) {
            broken.add(where + "leads out of the repository");
            return;
        }
        if (!Files.exists(root.resolve(target))) {
            broken.add(where + "no such file " + target);
            return;
        }
        if (anchor == null) {
            return;
        }
        if (!target.toString().endsWith(".md")) {
            broken.add(where + "an anchor into a file that is not Markdown");
            return;
        }
        Set<String> known = anchors.computeIfAbsent(target, t -> Anchors.of(reader.apply(t)));
        if (!known.contains(anchor)) {
            broken.add(where + "no heading with the anchor #" + anchor + " in " + target.toString().replace('\\', '/'));
        }
    }

    private static Path parent(Path page) {
        Path parent = page.normalize().getParent();
        return parent == null ? Path.of("") : parent;
    }
}
