package dev.redflag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.redflag.config.ConfigNode;
import dev.redflag.config.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The published JSON Schema of rule files, applied by the loader exactly as editors and CI apply
 * it, so "the editor accepted it" and "the job accepted its shape" mean the same thing. The
 * validator reports JSON paths; this maps them back to the YAML positions and words them as one
 * readable line each ({@link SchemaWording}).
 *
 * <p>The schema is read from the classpath ({@value #RESOURCE}); the build packages it from
 * {@code alerts-config/schema/rules.schema.json}, the one file people point their editors at.
 */
final class RuleSchema {

    static final String RESOURCE = "/schema/rules.schema.json";

    private final JsonNode document;
    private final JsonSchema schema;

    private RuleSchema(JsonNode document) {
        this.document = document;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document, config);
    }

    static RuleSchema load() {
        try (InputStream in = RuleSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("rule schema " + RESOURCE + " is missing from the classpath");
            }
            return new RuleSchema(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule schema " + RESOURCE, e);
        }
    }

    /**
     * Validates one file's document, adding a problem per violation at its YAML position.
     *
     * @return true when the document follows the schema
     */
    boolean check(JsonNode yaml, ConfigNode root, Problems problems) {
        List<ValidationMessage> messages = schema.validate(yaml).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getType)
                        .thenComparing(m -> String.valueOf(m.getProperty())))
                .toList();
        SchemaWording wording = new SchemaWording(document, messages);
        for (ValidationMessage m : messages) {
            ConfigNode at = find(root, m.getInstanceLocation());
            wording.report(m, at, problems);
        }
        return messages.isEmpty();
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
