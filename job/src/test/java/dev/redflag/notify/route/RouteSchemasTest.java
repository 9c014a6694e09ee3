package dev.redflag.notify.route;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published routing and silences schemas, the ones in the jar, and the loaders agree. */
class RouteSchemasTest {

    private static final Path SCHEMAS = Path.of("../alerts-config/schema");
    private static final Path ROUTES = SCHEMAS.resolve("routes.schema.json");
    private static final Path SILENCES = SCHEMAS.resolve("silences.schema.json");

    @Test
    void theJarCarriesThePublishedSchemas() throws Exception {
        assertPackaged(RouteSchemas.ROUTES, ROUTES);
        assertPackaged(RouteSchemas.SILENCES, SILENCES);
    }

    @Test
    void theSchemasAreValidDraft07Schemas() throws Exception {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        assertThat(meta.validate(json(ROUTES))).isEmpty();
        assertThat(meta.validate(json(SILENCES))).isEmpty();
    }

    /** Each file stands alone for editors, so the matcher definitions are copies that must not drift. */
    @Test
    void bothFilesDefineMatchersAndValuesAlike() throws Exception {
        for (String definition : List.of("matchers", "value", "text")) {
            assertThat(json(SILENCES).at("/definitions/" + definition)).as(definition)
                    .isEqualTo(json(ROUTES).at("/definitions/" + definition));
        }
    }

    @Test
    void theKeysInTheSchemasAreTheKeysTheLoadersKnow() throws Exception {
        JsonNode routes = json(ROUTES);
        assertThat(keys(routes.at("/properties"))).isEqualTo(RouteLoader.TOP);
        assertThat(keys(routes.at("/definitions/route/properties"))).isEqualTo(RouteLoader.ROUTE_KEYS);
        assertThat(keys(routes.at("/definitions/receiver/properties"))).isEqualTo(RouteLoader.RECEIVER_KEYS);
        assertThat(keys(routes.at("/definitions/receiver/properties/slack/properties")))
                .isEqualTo(RouteLoader.SLACK_KEYS);
        assertThat(keys(routes.at("/definitions/inhibit_rule/properties"))).isEqualTo(RouteLoader.INHIBIT_KEYS);
        assertThat(keys(routes.at("/definitions/time_interval/properties"))).isEqualTo(TimeIntervalReader.KEYS);
        assertThat(keys(routes.at("/definitions/time_range/properties"))).isEqualTo(TimeIntervalReader.TIME_KEYS);
        assertThat(keys(json(SILENCES).at("/definitions/silence/properties"))).isEqualTo(SilenceFile.KEYS);
    }

    @Test
    void theFixturesAndTheShippedFilesFollowTheSchemasAsAnEditorWouldCheckThem() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        JsonSchema routes = factory.getSchema(json(ROUTES));
        JsonSchema silences = factory.getSchema(json(SILENCES));
        for (Path file : List.of(Path.of(Fixtures.DIR, "routes.yaml"), Path.of("../alerts-config/routes.yaml"))) {
            assertThat(routes.validate(new YAMLMapper().readTree(file.toFile()))).as(file.toString()).isEmpty();
        }
        for (Path file : List.of(Path.of(Fixtures.DIR, "silences.yaml"), Path.of("../alerts-config/silences.yaml"))) {
            assertThat(silences.validate(new YAMLMapper().readTree(file.toFile()))).as(file.toString()).isEmpty();
        }
        assertThat(routes.validate(new YAMLMapper().readTree(Path.of(Fixtures.DIR, "broken.yaml").toFile())))
                .as("the check can fail").isNotEmpty();
    }

    private static void assertPackaged(String resource, Path published) throws Exception {
        byte[] packaged;
        try (InputStream in = RouteSchemas.class.getResourceAsStream(resource)) {
            assertThat(in).as("classpath " + resource).isNotNull();
            packaged = in.readAllBytes();
        }
        assertThat(packaged).as("the build packages " + published + " as " + resource)
                .isEqualTo(Files.readAllBytes(published));
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<String> keys(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
