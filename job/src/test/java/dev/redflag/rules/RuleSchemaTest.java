package dev.redflag.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema, the one in the jar, and the loader agree. */
class RuleSchemaTest {

    private static final Path PUBLISHED = Path.of("../alerts-config/schema/rules.schema.json");

    @Test
    void theJarCarriesThePublishedSchema() throws Exception {
        byte[] packaged;
        try (InputStream in = RuleSchema.class.getResourceAsStream(RuleSchema.RESOURCE)) {
            assertThat(in).as("classpath " + RuleSchema.RESOURCE).isNotNull();
            packaged = in.readAllBytes();
        }
        assertThat(packaged)
                .as("the build packages alerts-config/schema/rules.schema.json as " + RuleSchema.RESOURCE)
                .isEqualTo(Files.readAllBytes(PUBLISHED));
    }

    @Test
    void theSchemaIsAValidDraft07Schema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonSchema meta = factory.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        assertThat(meta.validate(new ObjectMapper().readTree(PUBLISHED.toFile()))).isEmpty();
        assertThat(meta.validate(new ObjectMapper().readTree("{\"type\": 5}"))).as("the check can fail").isNotEmpty();
    }

    @Test
    void conditionKeysInTheSchemaAreTheKindsAndOptionsTheLoaderKnows() throws Exception {
        JsonNode properties = new ObjectMapper().readTree(PUBLISHED.toFile()).at("/definitions/condition/properties");
        List<String> inSchema = new ArrayList<>();
        properties.fieldNames().forEachRemaining(inSchema::add);
        Set<String> inLoader = new LinkedHashSet<>(ConditionReader.KINDS.keySet());
        ConditionReader.KINDS.values().forEach(inLoader::addAll);
        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(inLoader);
    }

    @Test
    void everyValidFixtureFollowsTheSchemaAsAnEditorWouldCheckIt() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(new ObjectMapper().readTree(PUBLISHED.toFile()));
        for (Path file : RuleLoader.ruleFiles(RuleFixtures.DIR.resolve("valid"))) {
            assertThat(schema.validate(new YAMLMapper().readTree(file.toFile()))).as(file.toString()).isEmpty();
        }
    }
}
