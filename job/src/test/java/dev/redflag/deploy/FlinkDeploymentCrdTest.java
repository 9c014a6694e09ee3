package dev.redflag.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FlinkDeployment manifests checked against the CustomResourceDefinition the Flink Kubernetes
 * Operator publishes in {@code org.apache.flink:flink-kubernetes-operator-api}, judged as the API
 * server judges them on {@code kubectl apply}: the openAPIV3Schema of the served version named by
 * the manifest's apiVersion, with strict field validation (kubectl's default since Kubernetes 1.27),
 * so a misspelt field is an error, not a field silently pruned.
 *
 * <p>The one difference from the operator the manifest needs (1.13+) is the {@code flinkVersion}
 * enum, see {@link #FLINK_2_VERSIONS}; nothing else is relaxed.
 *
 * <p>Strimzi's resources (Kafka, KafkaNodePool, KafkaTopic) are not checked here: Strimzi's
 * published {@code io.strimzi:api} jars ship no CRD YAML or JSON schema, so there is nothing to
 * validate them against; {@link DeployManifestsTest}'s own assertions are all they get.
 */
class FlinkDeploymentCrdTest {

    private static final Path DEPLOY = Path.of("../deploy");
    private static final String MANIFEST = "k8s/flink-deployment.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The CRD in its apiextensions.k8s.io/v1 form, the one clusters install. */
    private static final String CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    private static final String KIND = "FlinkDeployment";

    /**
     * Added to the CRD's {@code spec.flinkVersion} enum, which in the artifact stops at v1_20: the
     * newest operator API artifact on Maven Central is 1.10.0, while Flink 2.2 needs operator 1.13,
     * whose CRD lists these.
     */
    private static final List<String> FLINK_2_VERSIONS = List.of("v2_0", "v2_1", "v2_2");

    private static JsonNode crd;

    @BeforeAll
    static void readCrd() throws IOException {
        try (InputStream in = FlinkDeploymentCrdTest.class.getResourceAsStream(CRD)) {
            assertThat(in).as("%s from flink-kubernetes-operator-api", CRD).isNotNull();
            crd = YAML.readTree(in);
        }
        assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo(KIND);
    }

    @Test
    void everyFlinkDeploymentFollowsTheOperatorsCrd() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String file : manifestFiles()) {
            for (JsonNode document : documents(Files.readString(DEPLOY.resolve(file)))) {
                String apiVersion = document.path("apiVersion").asText();
                if (!apiVersion.startsWith(group() + "/")) {
                    continue;
                }
                assertThat(document.path("kind").asText()).as("%s: the operator API artifact's CRDs in this test",
                        file).isEqualTo(KIND);
                assertThat(problems(document)).as("%s against %s", file, CRD).isEmpty();
                checked.add(file + ":" + document.path("metadata").path("name").asText());
            }
        }
        assertThat(checked).containsExactly(MANIFEST + ":redflag");
    }

    @Test
    void aMisspeltFieldIsRejected() throws IOException {
        assertThat(problems(manifestWith("\n  jobManager:\n", "\n  jobManger:\n"))).containsExactly(
                "$.spec: property 'jobManger' is not defined in the schema and the schema does not allow additional properties");
    }

    @Test
    void aMisspeltFieldDeepInThePodTemplateIsRejected() throws IOException {
        assertThat(problems(manifestWith("mountPath: /etc/redflag/slack", "mountpath: /etc/redflag/slack")))
                .containsExactly(
                        "$.spec.podTemplate.spec.containers[0].volumeMounts[1]: property 'mountpath' is not defined in the schema and the schema does not allow additional properties");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() throws IOException {
        assertThat(problems(manifestWith("parallelism: 4", "parallelism: four")))
                .containsExactly("$.spec.job.parallelism: string found, integer expected");
    }

    @Test
    void aFlinkVersionNoOperatorKnowsIsRejected() throws IOException {
        assertThat(problems(manifestWith("flinkVersion: v2_2", "flinkVersion: v2_3"))).containsExactly(
                "$.spec.flinkVersion: does not have a value in the enumeration [\"v1_13\", \"v1_14\", \"v1_15\", "
                        + "\"v1_16\", \"v1_17\", \"v1_18\", \"v1_19\", \"v1_20\", \"v2_0\", \"v2_1\", \"v2_2\"]");
    }

    @Test
    void aMisspeltMetadataFieldIsRejected() throws IOException {
        assertThat(problems(manifestWith("  namespace: redflag\n", "  namspace: redflag\n"))).containsExactly(
                "$.metadata: property 'namspace' is not defined in the schema and the schema does not allow additional properties");
    }

    /** The schema's messages for one document, sorted by where they point. */
    private static List<String> problems(JsonNode document) {
        return schema(document.path("apiVersion").asText()).validate(document).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The served version's schema as the API server applies it; see the class comment. */
    private static JsonSchema schema(String apiVersion) {
        JsonNode version = null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            if ((group() + "/" + v.path("name").asText()).equals(apiVersion) && v.path("served").asBoolean()) {
                version = v;
            }
        }
        assertThat(version).as("a served version %s in %s", apiVersion, CRD).isNotNull();
        ObjectNode root = version.path("schema").path("openAPIV3Schema").deepCopy();
        ObjectNode spec = (ObjectNode) root.path("properties").path("spec");

        ArrayNode flinkVersions = (ArrayNode) spec.path("properties").path("flinkVersion").path("enum");
        assertThat(flinkVersions).as("the CRD's flinkVersion enum").isNotEmpty();
        FLINK_2_VERSIONS.forEach(flinkVersions::add);

        // The API server knows apiVersion, kind and metadata on every object without the CRD
        // naming them, and checks metadata as an ObjectMeta, whose schema the CRD carries in the
        // pod template.
        ObjectNode properties = (ObjectNode) root.path("properties");
        properties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("const", apiVersion));
        properties.set("kind", JsonNodeFactory.instance.objectNode().put("const", KIND));
        properties.set("metadata", spec.path("properties").path("podTemplate").path("properties").path("metadata")
                .deepCopy());
        close(root);

        // the keyword is Kubernetes' own: an annotation here, the anyOf beside it does the checking
        JsonMetaSchema openApi = JsonMetaSchema.builder(JsonMetaSchema.getV7())
                .keyword(new AnnotationKeyword("x-kubernetes-int-or-string")).build();
        return JsonSchemaFactory.builder().defaultMetaSchemaIri(openApi.getIri()).metaSchema(openApi).build()
                .getSchema(root);
    }

    /**
     * Strict field validation rejects a field no schema names: every object schema that lists its
     * properties and neither says what else it takes nor preserves unknown fields is closed.
     */
    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            object.put("additionalProperties", false);
        }
        object.path("properties").forEach(FlinkDeploymentCrdTest::close);
        close(object.path("items"));
        close(object.path("additionalProperties"));
        for (String combined : List.of("anyOf", "allOf", "oneOf")) {
            object.path(combined).forEach(FlinkDeploymentCrdTest::close);
        }
        close(object.path("not"));
    }

    private static String group() {
        return crd.path("spec").path("group").asText();
    }

    /** deploy/k8s/*.yaml and whatever deploy/kustomization.yaml lists, relative to deploy/. */
    private static Set<String> manifestFiles() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> k8s = Files.list(DEPLOY.resolve("k8s"))) {
            k8s.filter(f -> f.toString().endsWith(".yaml")).forEach(f -> files.add("k8s/" + f.getFileName()));
        }
        YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile()).path("resources")
                .forEach(r -> files.add(r.asText()));
        assertThat(files).allSatisfy(f -> assertThat(DEPLOY.resolve(f)).isRegularFile());
        return files;
    }

    /** The FlinkDeployment manifest with one text replaced, as a copy with a mistake in it would be. */
    private static JsonNode manifestWith(String text, String replacement) throws IOException {
        String yaml = Files.readString(DEPLOY.resolve(MANIFEST));
        assertThat(yaml).as(MANIFEST).contains(text);
        List<JsonNode> documents = documents(yaml.replace(text, replacement));
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    documents.add(d);
                }
            });
        }
        return documents;
    }
}
