package dev.redflag.docs;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The anchors GitHub gives a page's headings (its github-slugger rules). */
final class Anchors {

    /** Everything but letters, marks, digits, connector punctuation (_), hyphens and spaces goes. */
    private static final Pattern DROPPED = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]");

    private Anchors() {
    }

    /** {@code Backtesting rules (`redflag backtest`)} → {@code backtesting-rules-redflag-backtest}. */
    static String slug(String heading) {
        return DROPPED.matcher(heading.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    /** Every anchor of the page, a repeated heading numbered as GitHub numbers it ({@code -1}, {@code -2}). */
    static Set<String> of(DocPage page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> occurrences = new HashMap<>();
        page.document().accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String base = slug(text(heading));
                String anchor = base;
                while (occurrences.containsKey(anchor)) {
                    anchor = base + "-" + occurrences.merge(base, 1, Integer::sum);
                }
                occurrences.put(anchor, 0);
                anchors.add(anchor);
            }
        });
        return anchors;
    }

    /** The text of a heading as rendered: its text and code, without markup. */
    static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString().strip();
    }
}
