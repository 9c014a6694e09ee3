package dev.redflag.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.redflag.config.JobConfig;
import dev.redflag.config.JobConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests, the Compose file and the Dockerfile cannot be applied here (no
 * cluster, no Docker engine), so this reads them and checks what would break at deploy time:
 * required fields, and that every name one file uses for another file's object agrees — the
 * jar path, config maps and secrets with their keys, topics, ports, labels, the job config.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("../deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SECRETS = DEPLOY.resolve("secrets");
    private static final String NAMESPACE = "redflag";

    private static List<JsonNode> k8s;

    @BeforeAll
    static void read() throws IOException {
        k8s = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                k8s.addAll(documents(file));
            }
        }
    }

    @Test
    void everyObjectHasItsIdentityAndLivesInTheNamespace() {
        assertThat(k8s).isNotEmpty().allSatisfy(o -> {
            assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", o.path("metadata")).isNotEmpty();
            assertThat(o.path("kind").asText()).isNotEmpty();
            assertThat(o.path("metadata").path("name").asText()).isNotEmpty();
            if (!o.path("kind").asText().equals("Namespace")) {
                assertThat(o.path("metadata").path("namespace").asText()).as("%s", name(o)).isEqualTo(NAMESPACE);
            }
        });
        assertThat(of("Namespace")).extracting(DeployManifestsTest::name).containsExactly(NAMESPACE);
        assertThat(k8s).extracting(o -> o.path("kind").asText() + "/" + name(o)).doesNotHaveDuplicates();
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            assertThat(resources).containsExactlyInAnyOrderElementsOf(files
                    .map(f -> "k8s/" + f.getFileName()).filter(f -> f.endsWith(".yaml")).toList());
        }
        kustomization.path("configMapGenerator").forEach(g -> g.path("files").forEach(f ->
                assertThat(DEPLOY.resolve(f.asText())).as("generated config map file").isRegularFile()));
    }

    @Test
    void theFlinkDeploymentRunsTheImagesJarInApplicationModeWithDurableState() throws IOException {
        JsonNode spec = single("FlinkDeployment").path("spec");
        JsonNode job = spec.path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo("local://" + dockerfileCopyTarget("job/target/redflag-cluster.jar"));
        assertThat(job.path("entryClass").asText()).isEqualTo(dev.redflag.cli.Redflag.class.getName());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("args").get(0).asText()).isEqualTo("run");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + flinkVersion().replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2"));

        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        for (String key : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "high-availability.storageDir")) {
            assertThat(URI.create(conf.path(key).asText()).getScheme()).as(key).isEqualTo("s3");
        }
    }

    @Test
    void theJobConfigInTheConfigMapIsValidAndNamesWhatExists() throws IOException {
        JsonNode container = mainContainer();
        String configPath = single("FlinkDeployment").path("spec").path("job").path("args").get(2).asText();
        JsonNode configMap = mountedConfigMap(configPath);
        String key = Path.of(configPath).getFileName().toString();
        JobConfig config = JobConfigLoader.parse(configMap.path("data").path(key).asText(), "redflag-config/" + key,
                Map.of());

        Set<String> topics = of("KafkaTopic").stream().map(t -> t.path("spec").path("topicName").asText())
                .collect(Collectors.toSet());
        assertThat(topics).contains(config.kafka().deadLetterTopic(), config.kafka().kpiTopic(),
                config.kafka().rulesTopic(), config.kafka().alertsTopic(), config.kafka().feedbackTopic())
                .containsAll(config.kafka().eventTopics());
        JsonNode rules = of("KafkaTopic").stream()
                .filter(t -> t.path("spec").path("topicName").asText().equals(config.kafka().rulesTopic())).findFirst()
                .orElseThrow();
        assertThat(rules.path("spec").path("config").path("cleanup.policy").asText()).isEqualTo("compact");
        String kafka = name(single("Kafka"));
        assertThat(of("KafkaTopic")).allSatisfy(t ->
                assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(kafka));
        assertThat(config.kafka().bootstrapServers()).startsWith(kafka + "-kafka-bootstrap." + NAMESPACE + ".svc:");

        assertThat(containerPort(container, "metrics")).isEqualTo(config.metrics().port());
        assertThat(containerPort(container, "flink-metrics")).isEqualTo(Integer.parseInt(single("FlinkDeployment")
                .path("spec").path("flinkConfiguration").path("metrics.reporter.prom.port").asText()));
        String image = dockerfileCopyTarget("alerts-config");
        assertThat(config.kpis().definitionsFile()).startsWith(image + "/");
        assertThat(config.notifications().routesFile()).startsWith(image + "/");
        assertThat(Path.of("..", "alerts-config", Path.of(image).relativize(Path.of(config.kpis().definitionsFile()))
                .toString())).isRegularFile();
        assertThat(Path.of("..", "alerts-config", Path.of(image).relativize(Path.of(config.notifications().routesFile()))
                .toString())).isRegularFile();
    }

    @Test
    void everySecretAndConfigMapReferencedExistsWithItsKey() {
        JsonNode pod = single("FlinkDeployment").path("spec").path("podTemplate").path("spec");
        for (JsonNode env : mainContainer().path("env")) {
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                assertThat(secretKeys(ref.path("name").asText()))
                        .as("secret %s", ref.path("name").asText()).contains(ref.path("key").asText());
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("secret")) {
                secretKeys(volume.path("secret").path("secretName").asText());
            }
            if (volume.has("configMap")) {
                named("ConfigMap", volume.path("configMap").path("name").asText());
            }
        }
        // the Slack token file is a key of the mounted Slack secret
        String tokenFile = env(mainContainer(), "SLACK_BOT_TOKEN_FILE");
        JsonNode mount = mountFor(tokenFile);
        JsonNode volume = volume(mount.path("name").asText());
        assertThat(secretKeys(volume.path("secret").path("secretName").asText()))
                .contains(Path.of(tokenFile).getFileName().toString());
    }

    @Test
    void applyingTheKustomizationAgainReplacesNoSecretAndTheSecretsKustomizationNeedsRealFiles() throws IOException {
        assertThat(of("Secret")).as("Secrets among the default resources would overwrite real ones").isEmpty();
        assertThat(YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile()).has("secretGenerator")).isFalse();

        JsonNode secrets = YAML.readTree(SECRETS.resolve("kustomization.yaml").toFile());
        assertThat(secrets.path("namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(secrets.path("generatorOptions").path("disableNameSuffixHash").asBoolean())
                .as("the FlinkDeployment names the Secrets without a hash suffix").isTrue();
        List<String> inputs = new ArrayList<>();
        for (JsonNode generator : secrets.path("secretGenerator")) {
            generator.path("files").forEach(f -> inputs.add(f.asText().replaceFirst("^[^=]*=", "")));
            generator.path("envs").forEach(f -> inputs.add(f.asText()));
        }
        assertThat(inputs).isNotEmpty();
        List<String> ignored = Files.readAllLines(SECRETS.resolve(".gitignore"));
        assertThat(ignored).as("the files with real credentials are git-ignored").containsAll(inputs);
        assertThat(inputs).allSatisfy(f -> assertThat(SECRETS.resolve(f)).as("checked-in credentials").doesNotExist());
    }

    @Test
    void thePodMonitorSelectsTheFlinkPodsOnPortsTheyExpose() {
        JsonNode monitor = single("PodMonitor").path("spec");
        JsonNode labels = single("FlinkDeployment").path("spec").path("podTemplate").path("metadata").path("labels");
        monitor.path("selector").path("matchLabels").fields().forEachRemaining(l ->
                assertThat(labels.path(l.getKey()).asText()).as("pod label %s", l.getKey()).isEqualTo(l.getValue().asText()));
        monitor.path("podMetricsEndpoints").forEach(e ->
                assertThat(containerPort(mainContainer(), e.path("port").asText())).isPositive());
    }

    @Test
    void theDockerfileBuildsOnTheFlinkVersionOfThePomFromFilesThatExist() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM flink:" + Pattern.quote(flinkVersion()) + "-java17$");
        Matcher copy = Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) (\\S+)$").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            copies++;
            String source = copy.group(1);
            if (!source.startsWith("job/target/")) { // built by the package phase
                assertThat(Path.of("..").resolve(source)).as("COPY source").exists();
            }
        }
        assertThat(copies).isEqualTo(2);
    }

    @Test
    void theComposeStackIsConsistent() throws IOException {
        Path dir = DEPLOY.resolve("compose");
        JsonNode compose = compose(dir.resolve("docker-compose.yml"));
        JsonNode services = compose.path("services");
        Set<String> names = new java.util.TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka", "jobmanager", "taskmanager", "prometheus", "alertmanager", "grafana");
        services.forEach(s -> {
            JsonNode deps = s.path("depends_on");
            (deps.isArray() ? stream(deps).map(JsonNode::asText).toList() : fieldNames(deps))
                    .forEach(d -> assertThat(names).as("depends_on").contains(d));
            s.path("volumes").forEach(v -> {
                String host = v.asText().split(":")[0];
                if (host.startsWith(".")) {
                    assertThat(dir.resolve(host)).as("volume %s", v.asText()).exists();
                }
            });
        });
        JobConfig config = JobConfigLoader.load(dir.resolve("job.yaml"), Map.of());
        assertThat(names).contains(config.kafka().bootstrapServers().split(":")[0]);
        config.notifications().alertmanagerUrls().forEach(u -> assertThat(names).contains(URI.create(u).getHost()));
        JsonNode jobmanager = services.path("jobmanager");
        String flinkProperties = jobmanager.path("environment").path("FLINK_PROPERTIES").asText();
        assertThat(flinkProperties).contains("metrics.reporter.prom.port: 9250");
        assertThat(services.path("taskmanager").path("environment").path("FLINK_PROPERTIES").asText())
                .isEqualTo(flinkProperties);
        assertThat(jobmanager.path("command").asText())
                .contains("--job-classname " + dev.redflag.cli.Redflag.class.getName())
                .contains("--config /opt/redflag/config/job.yaml");

        JsonNode prometheus = YAML.readTree(dir.resolve("prometheus.yml").toFile());
        Map<String, Integer> ports = new HashMap<>();
        prometheus.path("scrape_configs").forEach(c -> c.path("dns_sd_configs").forEach(d ->
                ports.put(c.path("job_name").asText(), d.path("port").asInt())));
        assertThat(ports).containsEntry("redflag", config.metrics().port()).containsEntry("flink", 9250);
    }

    @Test
    void composeGrafanaRendersTheChartUrlsTheJobLinksTo() throws IOException {
        Path dir = DEPLOY.resolve("compose");
        JsonNode services = compose(dir.resolve("docker-compose.yml")).path("services");
        JsonNode grafana = services.path("grafana");
        URI renderer = URI.create(grafana.path("environment").path("GF_RENDERING_SERVER_URL").asText());
        assertThat(services.has(renderer.getHost())).as("renderer service %s", renderer.getHost()).isTrue();
        assertThat(stream(services.path(renderer.getHost()).path("expose")).map(JsonNode::asText))
                .contains(String.valueOf(renderer.getPort()));
        assertThat(renderer.getPath()).isEqualTo("/render");
        URI callback = URI.create(grafana.path("environment").path("GF_RENDERING_CALLBACK_URL").asText());
        assertThat(callback.getHost()).isEqualTo("grafana");
        assertThat(stream(grafana.path("ports")).map(JsonNode::asText))
                .contains(callback.getPort() + ":" + callback.getPort());
        JobConfig config = JobConfigLoader.load(dir.resolve("job.yaml"), Map.of());
        assertThat(URI.create(config.notifications().grafanaUrl()).getPort())
                .as("the job's links reach Grafana's published port").isEqualTo(callback.getPort());
    }

    @Test
    void theSlackActionsServiceRunsTheImagesJarWithTheJobsConfigAndReadsItsSecretsFromSecretFiles() throws IOException {
        JsonNode deployment = named("Deployment", "redflag-slack-actions");
        JsonNode pod = deployment.path("spec").path("template");
        assertThat(deployment.path("spec").path("replicas").asInt())
                .as("one replica: each would publish its own silences file whole").isEqualTo(1);
        deployment.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(l ->
                assertThat(pod.path("metadata").path("labels").path(l.getKey()).asText()).isEqualTo(l.getValue().asText()));
        JsonNode container = pod.path("spec").path("containers").get(0);
        List<String> command = stream(container.path("command")).map(JsonNode::asText).toList();
        assertThat(command.get(0)).isEqualTo("java");
        assertThat(command.get(command.indexOf("-cp") + 1)).contains(dockerfileCopyTarget("job/target/redflag-cluster.jar"));
        assertThat(command).containsSubsequence(dev.redflag.cli.Redflag.class.getName(), "slack-actions", "--config");
        dev.redflag.cli.Redflag.commandLine().parseArgs(command.subList(
                command.indexOf(dev.redflag.cli.Redflag.class.getName()) + 1, command.size()).toArray(String[]::new));

        // the job's own config map, mounted where --config points
        String config = command.get(command.indexOf("--config") + 1);
        JsonNode configVolume = podVolume(pod, podMountFor(container, config).path("name").asText());
        assertThat(configVolume.path("configMap").path("name").asText())
                .isEqualTo(mountedConfigMap(single("FlinkDeployment").path("spec").path("job").path("args").get(2)
                        .asText()).path("metadata").path("name").asText());
        // the silences file on a claim that exists, so snoozes outlive the pod
        String silences = command.get(command.indexOf("--silences") + 1);
        String claim = podVolume(pod, podMountFor(container, silences).path("name").asText())
                .path("persistentVolumeClaim").path("claimName").asText();
        named("PersistentVolumeClaim", claim);
        // both secrets as files, each a key of a Secret deploy/secrets generates
        for (String variable : List.of("SLACK_SIGNING_SECRET_FILE", "SLACK_BOT_TOKEN_FILE")) {
            String file = env(container, variable);
            JsonNode volume = podVolume(pod, podMountFor(container, file).path("name").asText());
            assertThat(secretKeys(volume.path("secret").path("secretName").asText())).as(variable)
                    .contains(Path.of(file).getFileName().toString());
        }
        assertThat(stream(container.path("env")).map(e -> e.path("name").asText()))
                .as("secrets never as plain variables").doesNotContain("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN");
        String port = Integer.toString(containerPort(container, "http"));
        assertThat(command.get(command.indexOf("--port") + 1)).isEqualTo(port);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");

        String feedbackTopic = dev.redflag.cli.Redflag.commandLine().getSubcommands().get("slack-actions")
                .getCommandSpec().findOption("--feedback-topic").defaultValue();
        assertThat(of("KafkaTopic")).extracting(t -> t.path("spec").path("topicName").asText()).contains(feedbackTopic);
    }

    @Test
    void theWeeklyReportRunsTheImagesReportWithTheJobsConfigTheImagesRulesAndTheBotToken() throws IOException {
        JsonNode cron = named("CronJob", "redflag-weekly-report");
        assertThat(cron.path("spec").path("suspend").asBoolean())
                .as("suspended until its channel is set: a channel that does not exist fails every week").isTrue();
        JsonNode pod = cron.path("spec").path("jobTemplate").path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        List<String> command = stream(container.path("command")).map(JsonNode::asText).toList();
        assertThat(command.get(command.indexOf("-cp") + 1)).contains(dockerfileCopyTarget("job/target/redflag-cluster.jar"));
        List<String> args = command.subList(command.indexOf(dev.redflag.cli.Redflag.class.getName()) + 1, command.size());
        assertThat(args.get(0)).isEqualTo("report");
        // the arguments are the command's own: picocli reads them as the command will
        dev.redflag.cli.Redflag.commandLine().parseArgs(args.toArray(String[]::new));
        String config = args.get(args.indexOf("--config") + 1);
        assertThat(podVolume(pod, podMountFor(container, config).path("name").asText()).path("configMap").path("name")
                .asText()).isEqualTo("redflag-config");
        String rules = args.get(args.indexOf("--rules") + 1);
        String image = dockerfileCopyTarget("alerts-config");
        assertThat(rules).startsWith(image + "/");
        assertThat(Path.of("..", "alerts-config", Path.of(image).relativize(Path.of(rules)).toString())).isDirectory();
        String token = env(container, "SLACK_BOT_TOKEN_FILE");
        JsonNode volume = podVolume(pod, podMountFor(container, token).path("name").asText());
        assertThat(secretKeys(volume.path("secret").path("secretName").asText()))
                .contains(Path.of(token).getFileName().toString());
        assertThat(args).contains("--post-to");
    }

    @Test
    void theServiceAndTheIngressExampleRouteSlacksRequestPathToTheSlackActionsPod() throws IOException {
        JsonNode pod = named("Deployment", "redflag-slack-actions").path("spec").path("template");
        JsonNode service = named("Service", "redflag-slack-actions");
        service.path("spec").path("selector").fields().forEachRemaining(l ->
                assertThat(pod.path("metadata").path("labels").path(l.getKey()).asText()).isEqualTo(l.getValue().asText()));
        JsonNode servicePort = service.path("spec").path("ports").get(0);
        assertThat(containerPort(pod.path("spec").path("containers").get(0), servicePort.path("targetPort").asText()))
                .isPositive();

        List<JsonNode> example = documents(DEPLOY.resolve("examples/slack-actions-ingress.yaml"));
        assertThat(example).hasSize(1);
        JsonNode ingress = example.get(0);
        assertThat(ingress.path("kind").asText()).isEqualTo("Ingress");
        assertThat(ingress.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
        JsonNode rule = ingress.path("spec").path("rules").get(0);
        assertThat(stream(ingress.path("spec").path("tls").get(0).path("hosts")).map(JsonNode::asText))
                .as("Slack calls HTTPS URLs only").contains(rule.path("host").asText());
        JsonNode path = rule.path("http").path("paths").get(0);
        assertThat(path.path("path").asText()).isEqualTo(dev.redflag.actions.ActionService.ACTIONS_PATH);
        assertThat(path.path("backend").path("service").path("name").asText()).isEqualTo(name(service));
        assertThat(path.path("backend").path("service").path("port").path("name").asText())
                .isEqualTo(servicePort.path("name").asText());
    }

    @Test
    void theComposeSlackActionsServiceReadsTheJobsConfigAndTheSigningSecretFromAnIgnoredFile() throws IOException {
        Path dir = DEPLOY.resolve("compose");
        JsonNode services = compose(dir.resolve("docker-compose.yml")).path("services");
        JsonNode actions = services.path("slack-actions");
        assertThat(stream(actions.path("profiles")).map(JsonNode::asText)).containsExactly("slack");
        assertThat(actions.path("image").asText()).isEqualTo(services.path("jobmanager").path("image").asText());
        List<String> entrypoint = stream(actions.path("entrypoint")).map(JsonNode::asText).toList();
        assertThat(entrypoint.get(entrypoint.indexOf("-cp") + 1)).contains(dockerfileCopyTarget("job/target/redflag-cluster.jar"));
        assertThat(entrypoint).endsWith(dev.redflag.cli.Redflag.class.getName());
        List<String> command = List.of(actions.path("command").asText().split("\\s+"));
        assertThat(command.get(0)).isEqualTo("slack-actions");
        Map<String, String> mounts = new HashMap<>();
        actions.path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            mounts.put(parts[1], parts[0]);
        });
        assertThat(mounts.get(command.get(command.indexOf("--config") + 1))).isEqualTo("./job.yaml");
        String secretFile = actions.path("environment").path("SLACK_SIGNING_SECRET_FILE").asText();
        Path secretDir = Path.of(secretFile).getParent();
        String hostDir = mounts.get(secretDir.toString());
        assertThat(hostDir).as("the directory of %s is mounted", secretFile).isNotNull();
        assertThat(Files.readAllLines(dir.resolve(hostDir).resolve(".gitignore")))
                .contains(Path.of(secretFile).getFileName().toString());
        assertThat(actions.path("ports").get(0).asText()).endsWith(":" + command.get(command.indexOf("--port") + 1));

        String feedbackTopic = dev.redflag.cli.Redflag.commandLine().getSubcommands().get("slack-actions")
                .getCommandSpec().findOption("--feedback-topic").defaultValue();
        assertThat(services.path("kafka-topics").path("command").get(0).asText()).contains(" " + feedbackTopic);
    }

    @Test
    void thePrometheusRuleCarriesExactlyTheRuleFilesGroups() throws IOException {
        List<JsonNode> groups = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("prometheus/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                YAML.readTree(file.toFile()).path("groups").forEach(groups::add);
            }
        }
        List<JsonNode> inCluster = new ArrayList<>();
        single("PrometheusRule").path("spec").path("groups").forEach(inCluster::add);

        assertThat(groups).isNotEmpty();
        assertThat(inCluster).isEqualTo(groups);
        JsonNode monitor = single("PodMonitor").path("metadata").path("labels");
        assertThat(single("PrometheusRule").path("metadata").path("labels").path("release").asText())
                .as("the Prometheus Operator selects rules and monitors by the same label")
                .isEqualTo(monitor.path("release").asText());
    }

    @Test
    void everyDashboardIsInTheGrafanaConfigMapAndTheComposeMountMatchesProvisioning() throws IOException {
        JsonNode kustomization = YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
        List<String> generated = new ArrayList<>();
        kustomization.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> generated.add(f.asText())));
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            assertThat(generated).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> "grafana/dashboards/" + f.getFileName()).toList());
        }

        String provisioned = null;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/provisioning/dashboards"))) {
            for (Path file : files.toList()) {
                for (JsonNode provider : YAML.readTree(file.toFile()).path("providers")) {
                    provisioned = provider.path("options").path("path").asText();
                }
            }
        }
        List<String> grafanaVolumes = new ArrayList<>();
        compose(DEPLOY.resolve("compose/docker-compose.yml")).path("services").path("grafana")
                .path("volumes").forEach(v -> grafanaVolumes.add(v.asText()));
        assertThat(grafanaVolumes).contains("../grafana/dashboards:" + provisioned + ":ro",
                "../grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    // ---- helpers ----

    /**
     * The Compose file as Compose reads it: SnakeYAML resolves its anchors and merge keys
     * ({@code <<: *flink}), which Jackson's tree model leaves unresolved.
     */
    private static JsonNode compose(Path file) throws IOException {
        Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(file));
        return YAML.valueToTree(tree);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            for (JsonNode doc : (Iterable<JsonNode>) () -> {
                try {
                    return YAML.readValues(parser, JsonNode.class);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }) {
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> of(String kind) {
        return k8s.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode single(String kind) {
        List<JsonNode> all = of(kind);
        assertThat(all).as("objects of kind %s", kind).hasSize(1);
        return all.get(0);
    }

    /**
     * The keys of a Secret of deploy/secrets: a {@code files} entry {@code key=path} gives one key,
     * an {@code envs} file the keys of its checked-in {@code .example}.
     */
    private static List<String> secretKeys(String name) {
        try {
            for (JsonNode generator : YAML.readTree(SECRETS.resolve("kustomization.yaml").toFile())
                    .path("secretGenerator")) {
                if (!generator.path("name").asText().equals(name)) {
                    continue;
                }
                List<String> keys = new ArrayList<>();
                for (JsonNode file : generator.path("files")) {
                    String entry = file.asText();
                    keys.add(entry.contains("=") ? entry.substring(0, entry.indexOf('='))
                            : Path.of(entry).getFileName().toString());
                }
                for (JsonNode env : generator.path("envs")) {
                    for (String line : Files.readAllLines(SECRETS.resolve(env.asText() + ".example"))) {
                        if (line.contains("=") && !line.startsWith("#")) {
                            keys.add(line.substring(0, line.indexOf('=')).trim());
                        }
                    }
                }
                return keys;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("Secret " + name + " is referenced but deploy/secrets does not generate it");
    }

    private static JsonNode named(String kind, String name) {
        return of(kind).stream().filter(o -> name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " is referenced but not defined"));
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static JsonNode mainContainer() {
        for (JsonNode c : single("FlinkDeployment").path("spec").path("podTemplate").path("spec").path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("the pod template has no flink-main-container");
    }

    private static int containerPort(JsonNode container, String portName) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(portName)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + portName);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static JsonNode mountFor(String path) {
        for (JsonNode m : mainContainer().path("volumeMounts")) {
            if (path.startsWith(m.path("mountPath").asText() + "/")) {
                return m;
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    private static JsonNode volume(String name) {
        for (JsonNode v : single("FlinkDeployment").path("spec").path("podTemplate").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static JsonNode podMountFor(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.startsWith(m.path("mountPath").asText() + "/")) {
                return m;
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    private static JsonNode podVolume(JsonNode podTemplate, String name) {
        for (JsonNode v : podTemplate.path("spec").path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static JsonNode mountedConfigMap(String path) {
        JsonNode volume = volume(mountFor(path).path("name").asText());
        return named("ConfigMap", volume.path("configMap").path("name").asText());
    }

    /** Where the Dockerfile copies {@code source} to. */
    private static String dockerfileCopyTarget(String source) throws IOException {
        Matcher m = Pattern.compile("(?m)^COPY (?:--\\S+ )*" + Pattern.quote(source) + " (\\S+)$")
                .matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
        assertThat(m.find()).as("the Dockerfile copies %s", source).isTrue();
        return m.group(1);
    }

    private static String flinkVersion() throws IOException {
        Matcher m = Pattern.compile("<flink.version>([^<]+)</flink.version>").matcher(Files.readString(Path.of("../pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

}
