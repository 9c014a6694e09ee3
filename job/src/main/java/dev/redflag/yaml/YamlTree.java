package dev.redflag.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads YAML into {@link ConfigNode}s with positions. Jackson's own tree ({@code JsonNode})
 * forgets where values were written, so this walks the parser's token stream instead.
 *
 * <p>Syntax errors become one problem with the position the YAML parser reports, built
 * from the parser's problem text only: its full message quotes the offending line, which
 * may hold a secret.
 */
public final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTree() {
    }

    /** The top-level node (an empty mapping for an empty document), or null after a syntax error. */
    public static ConfigNode parse(String yaml, String source, Problems problems) {
        Origin top = Origin.of(source);
        try (JsonParser p = FACTORY.createParser(yaml)) {
            try {
                if (p.nextToken() == null) {
                    return ConfigNode.mapping("", top, top, new LinkedHashMap<>());
                }
                ConfigNode root = read(p, "", top, source, problems);
                if (p.nextToken() != null) {
                    problems.add(origin(p.currentTokenLocation(), source), null,
                            "a second YAML document (after '---') starts here; "
                                    + "a job config is one document, remove the '---' and what follows");
                    return null;
                }
                return root;
            } catch (JacksonException e) {
                problems.add(syntaxOrigin(e, p, source), null, syntaxMessage(e));
                return null;
            }
        } catch (IOException e) {
            problems.add(Origin.of(source), null, "cannot read: " + e.getMessage());
            return null;
        }
    }

    private static ConfigNode read(JsonParser p, String path, Origin keyOrigin, String source, Problems problems)
            throws IOException {
        Origin at = origin(p.currentTokenLocation(), source);
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                LinkedHashMap<String, ConfigNode> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Origin nameAt = origin(p.currentTokenLocation(), source);
                    String childPath = path.isEmpty() ? name : path + "." + name;
                    p.nextToken();
                    ConfigNode child = read(p, childPath, nameAt, source, problems);
                    ConfigNode first = entries.putIfAbsent(name, child);
                    if (first != null) {
                        problems.add(nameAt, childPath, "written twice (first at line " + first.anchor().line()
                                + "); keep one");
                    }
                }
                return ConfigNode.mapping(path, at, keyOrigin, entries);
            }
            case START_ARRAY -> {
                List<ConfigNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + items.size() + "]", null, source, problems));
                }
                return ConfigNode.list(path, at, keyOrigin, items);
            }
            case VALUE_NULL -> {
                return ConfigNode.nothing(path, at, keyOrigin);
            }
            default -> {
                return ConfigNode.scalar(path, p.getText(), at, keyOrigin);
            }
        }
    }

    private static Origin origin(JsonLocation location, String source) {
        return Origin.at(source, location.getLineNr(), location.getColumnNr());
    }

    /**
     * Where reading stopped: the YAML parser's mark, else the exception's location, else the token
     * the parser was on (Jackson's limits, such as the length of a number or the nesting depth, say
     * no location), else the start of the file: a problem always has a position to go to.
     */
    static Origin syntaxOrigin(JacksonException e, JsonParser p, String source) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return Origin.at(source, mark.getLine() + 1, mark.getColumn() + 1);
        }
        for (JsonLocation location : new JsonLocation[] {e.getLocation(), p.currentTokenLocation(),
                p.currentLocation()}) {
            if (location != null && location.getLineNr() > 0) {
                return origin(location, source);
            }
        }
        return Origin.at(source, 1, 1);
    }

    private static String syntaxMessage(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            StringBuilder m = new StringBuilder("invalid YAML: ").append(yaml.getProblem());
            if (yaml.getContext() != null) {
                m.append(" (").append(yaml.getContext());
                Mark context = yaml.getContextMark();
                if (context != null) {
                    m.append(" at ").append(context.getLine() + 1).append(':').append(context.getColumn() + 1);
                }
                m.append(')');
            }
            return m.append("; check indentation and quoting").toString();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return "invalid YAML: " + (newline < 0 ? message : message.substring(0, newline));
    }
}
