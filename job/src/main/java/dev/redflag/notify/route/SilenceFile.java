package dev.redflag.notify.route;

import dev.redflag.labels.Matcher;
import dev.redflag.labels.MatcherSyntax;
import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.YamlSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The silences file: plain YAML that people may edit by hand and that {@code redflag silence add}
 * rewrites, so it is read with positioned problems like every other file and written in a form
 * that reads back to equal silences (matchers in Alertmanager syntax, times in UTC).
 *
 * <pre>
 * silences:
 *   - id: 3f2a9c
 *     matchers: ['alertname="HighBounceRate"', 'tenant="acme"']
 *     starts_at: "2026-11-24T10:00:00Z"
 *     ends_at: "2026-11-24T12:00:00Z"
 *     created_by: alice
 *     comment: 'newsletter resend, expected'
 * </pre>
 */
public final class SilenceFile {

    static final List<String> KEYS = List.of("id", "matchers", "starts_at", "ends_at", "created_by",
            "comment");

    private final Nodes nodes;

    private SilenceFile(Nodes nodes) {
        this.nodes = nodes;
    }

    /** An absent file means no silences. */
    public static Silences load(Path file) {
        if (!Files.exists(file)) {
            return Silences.NONE;
        }
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read silences " + file, e);
        }
    }

    /**
     * Rewrites the file. The comment lines at its top (the editor's schema line, a note for
     * whoever opens it) are kept; comments further down are not, as the file is written anew.
     */
    public static void save(Path file, Silences silences) {
        try {
            String header = Files.exists(file) ? header(Files.readString(file)) : "";
            Files.writeString(file, header + write(silences));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write silences " + file, e);
        }
    }

    /** The comment and blank lines before the first line of YAML, each with its line break. */
    static String header(String text) {
        int end = 0;
        while (end < text.length()) {
            int newline = text.indexOf('\n', end);
            String line = text.substring(end, newline < 0 ? text.length() : newline).strip();
            if (newline < 0 || !(line.isEmpty() || line.startsWith("#"))) {
                break;
            }
            end = newline + 1;
        }
        return text.substring(0, end);
    }

    /**
     * Checks the text against {@value RouteSchemas#SILENCES}, then what a schema cannot say
     * (matchers, regexes, times, ends after starts, unique ids).
     *
     * @throws ConfigException listing every problem as {@code source:line:column: path: reason}
     */
    public static Silences read(String yaml, String source) {
        Problems problems = new Problems();
        YamlSchema.Checked file = RouteSchemas.silences().read(yaml, source,
                "a silences file is one document, remove the '---' and what follows", problems);
        if (file == null) {
            problems.throwIfAny();
        }
        if (file.empty()) {
            return Silences.NONE;
        }
        return new SilenceFile(new Nodes(problems, file.followsSchema())).parse(file.root());
    }

    public static String write(Silences silences) {
        if (silences.silences().isEmpty()) {
            return "silences: []\n";
        }
        StringBuilder out = new StringBuilder("silences:\n");
        for (Silence s : silences.silences()) {
            out.append("  - id: ").append(quote(s.id())).append('\n');
            out.append("    matchers: [");
            String separator = "";
            for (Matcher m : s.matchers()) {
                out.append(separator).append(quote(MatcherSyntax.format(m)));
                separator = ", ";
            }
            out.append("]\n");
            out.append("    starts_at: ").append(quote(s.startsAt().toString())).append('\n');
            out.append("    ends_at: ").append(quote(s.endsAt().toString())).append('\n');
            out.append("    created_by: ").append(quote(s.createdBy())).append('\n');
            out.append("    comment: ").append(quote(s.comment())).append('\n');
        }
        return out.toString();
    }

    /**
     * Single quotes where they suffice (every character one a YAML file may hold as it is, so
     * nothing to escape but {@code '}), double quotes with escapes otherwise.
     */
    static String quote(String s) {
        if (s.codePoints().allMatch(SilenceFile::asIs)) {
            return "'" + s.replace("'", "''") + "'";
        }
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (asIs(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append(String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", c));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /**
     * YAML's printable characters less the line breaks: a C1 control such as NEL (U+0085) is read
     * as a line break, and U+FFFE or a lone surrogate is refused, if written as it is.
     */
    private static boolean asIs(int c) {
        return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029)
                || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    }

    private Silences parse(ConfigNode top) {
        if (!nodes.mapping(top)) {
            nodes.problems.throwIfAny();
        }
        nodes.keys(top, List.of("silences"));
        List<Silence> out = new ArrayList<>();
        Map<String, ConfigNode> ids = new HashMap<>();
        ConfigNode list = top.entries().get("silences");
        for (ConfigNode node : list == null ? List.<ConfigNode>of() : nodes.list(list)) {
            if (!nodes.mapping(node)) {
                continue;
            }
            Silence s = silence(node);
            if (s == null) {
                continue;
            }
            ConfigNode first = ids.putIfAbsent(s.id(), node.entries().get("id"));
            if (first != null) {
                nodes.add(node.entries().get("id"), "silence id '" + s.id() + "' is used twice (first at line "
                        + first.origin().line() + ")");
            }
            out.add(s);
        }
        nodes.problems.throwIfAny();
        return new Silences(out);
    }

    private Silence silence(ConfigNode node) {
        nodes.keys(node, KEYS, KEYS.toArray(String[]::new));
        if (!node.entries().keySet().containsAll(KEYS)) {
            return null;
        }
        Map<String, ConfigNode> e = node.entries();
        String id = nodes.text(e.get("id"));
        List<Matcher> matchers = nodes.matchers(e.get("matchers"));
        Instant starts = instant(e.get("starts_at"));
        Instant ends = instant(e.get("ends_at"));
        String createdBy = nodes.text(e.get("created_by"));
        String comment = nodes.text(e.get("comment"));
        ConfigNode written = e.get("matchers");
        if (!written.isMapping() && written.kind() != ConfigNode.Kind.LIST) {
            return null;
        }
        int count = written.isMapping() ? written.entries().size() : written.items().size();
        if (matchers.size() < count) {
            return null;
        }
        if (Silence.silencesEverything(matchers)) {
            nodes.add(written, "would silence every alert; give at least one matcher that needs a "
                    + "label value, e.g. alertname=\"HighBounceRate\"");
            return null;
        }
        if (starts != null && ends != null && !ends.isAfter(starts)) {
            nodes.add(e.get("ends_at"), "must be after starts_at (" + starts + ")");
            return null;
        }
        if (id == null || starts == null || ends == null || createdBy == null || comment == null) {
            return null;
        }
        return new Silence(matchers, starts, ends, createdBy, comment, id);
    }

    private Instant instant(ConfigNode node) {
        String text = nodes.text(node);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            nodes.add(node, notATime(text));
            return null;
        }
    }

    /** Also the schema's words for a bad time, so the two checks say it once. */
    static String notATime(String text) {
        return "'" + text + "' is not a time; write e.g. 2026-11-24T10:00:00Z";
    }
}
