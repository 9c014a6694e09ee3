package dev.redflag.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A published JSON Schema (draft-07) applied by a loader exactly as editors and CI apply it, so
 * "the editor accepted it" and "the loader accepted its shape" mean the same thing. The validator
 * reports JSON paths; this maps them back to YAML positions and words each as one readable line
 * ({@link SchemaWording}, with the file kind's own {@link SchemaWords}).
 *
 * <p>Schemas are read from the classpath; the build packages them from {@code alerts-config/schema/},
 * the files people point their editors at.
 */
public final class YamlSchema {

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * One YAML file read for checking.
     *
     * @param root          its positioned tree; an empty mapping for an empty file
     * @param empty         the file holds no document (nothing, or only comments)
     * @param followsSchema no schema problem was found, so the loader's own checks of the shape
     *                      of values only guard against gaps in the schema
     */
    public record Checked(ConfigNode root, boolean empty, boolean followsSchema) {
    }

    private final String resource;
    private final JsonNode document;
    private final JsonSchema schema;
    private final SchemaWords words;

    private YamlSchema(String resource, JsonNode document, SchemaWords words) {
        this.resource = resource;
        this.document = document;
        this.words = words;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document, config);
    }

    /** @param resource a classpath resource, e.g. {@code /schema/rules.schema.json} */
    public static YamlSchema load(String resource, SchemaWords words) {
        try (InputStream in = YamlSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is missing from the classpath");
            }
            return new YamlSchema(resource, new ObjectMapper().readTree(in), words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + resource, e);
        }
    }

    public String resource() {
        return resource;
    }

    /**
     * Parses one file and applies the schema, adding every problem at its position.
     *
     * @param oneDocument what to say when a second YAML document follows the first, after
     *                    "a second YAML document (after '---') starts here; "
     * @return the file, or null when it is not YAML or holds two documents (reported)
     */
    public Checked read(String yaml, String source, String oneDocument, Problems problems) {
        JsonNode json;
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            try {
                json = YAML.readTree(parser);
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    problems.add(Origin.at(source, at.getLineNr(), at.getColumnNr()), null,
                            "a second YAML document (after '---') starts here; " + oneDocument);
                    return null;
                }
            } catch (JacksonException e) {
                // the positioned tree words a syntax error itself; what only binding values finds
                // (a malformed !!float, a number past Jackson's length limit) is said here
                if (YamlTree.parse(yaml, source, problems) != null) {
                    problems.add(YamlTree.syntaxOrigin(e, parser, source), null,
                            "invalid YAML: " + e.getOriginalMessage());
                }
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigNode root = YamlTree.parse(yaml, source, problems);
        if (root == null) {
            return null;
        }
        if (json == null || json.isMissingNode()) {
            return new Checked(root, true, true);
        }
        return new Checked(root, false, check(json, root, problems));
    }

    /**
     * Validates one file's document, adding a problem per violation at its YAML position.
     *
     * @return true when the document follows the schema
     */
    public boolean check(JsonNode yaml, ConfigNode root, Problems problems) {
        List<ValidationMessage> messages = schema.validate(yaml).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getType)
                        .thenComparing(m -> String.valueOf(m.getProperty())))
                .toList();
        SchemaWording wording = new SchemaWording(document, words, messages);
        for (ValidationMessage m : messages) {
            ConfigNode at = find(root, m.getInstanceLocation());
            wording.report(m, at, problems);
        }
        return messages.isEmpty();
    }

    /** The words schemas use for a bad label name, for loaders that check names themselves too. */
    public static String labelNameProblem(String name) {
        return "'" + name + "' " + SchemaWording.labelName();
    }

    /** A value as schema messages show it ({@code 'text'}, {@code 12}, {@code a list}), for loaders that say it alike. */
    public static String shown(ConfigNode node) {
        return SchemaWording.got(node);
    }

    /** The node at a validator path, or the deepest one that exists on the way there. */
    static ConfigNode find(ConfigNode root, JsonNodePath path) {
        ConfigNode node = root;
        List<Object> steps = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            steps.add(path.getElement(i));
        }
        for (Object step : steps) {
            ConfigNode next = null;
            if (step instanceof Integer index && node.kind() == ConfigNode.Kind.LIST
                    && index < node.items().size()) {
                next = node.items().get(index);
            } else if (step instanceof String name && node.isMapping()) {
                next = node.entries().get(name);
            }
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }
}
