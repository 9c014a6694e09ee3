package dev.redflag.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.metrics.KpiGauges;
import dev.redflag.notify.GrafanaLink;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards and their provisioning hold together without a Grafana: the JSON model is
 * sound, every query goes to the provisioned datasource and uses only variables that exist, the KPI
 * dashboard has what Slack's Grafana button links to and a panel for every seed KPI with the rule
 * pack's fixed thresholds. Whether the queries answer is {@code PromqlQueriesIT}'s business.
 */
class DashboardsTest {

    private static final Path GRAFANA = Path.of("../deploy/grafana");
    private static final Path CONFIG = Path.of("../alerts-config");
    private static final List<WindowSpec> HOURLY = List.of(WindowSpec.tumbling(Duration.ofHours(1)));
    private static final KpiCatalog CATALOG = KpiDefinitions.load(CONFIG.resolve("kpis.yaml"), HOURLY);
    private static final RuleSet RULES = RuleLoader.load(CONFIG.resolve("rules"), CATALOG);

    /** Grafana's own variables that a query may use without defining them. */
    private static final Set<String> BUILT_INS = Set.of("__interval", "__interval_ms", "__rate_interval",
            "__range", "__range_s", "__range_ms", "__from", "__to", "__dashboard", "__name");

    private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([\\w-]+)\\?([^\"\\s]*)");

    @Test
    void theDirectoryHoldsTheThreeDashboardsWithUniqueUids() {
        List<Dashboards.Dashboard> dashboards = Dashboards.load();
        assertThat(dashboards).extracting(Dashboards.Dashboard::file)
                .containsExactly("alerts.json", "kpi-overview.json", "pipeline-health.json");
        assertThat(dashboards).extracting(Dashboards.Dashboard::uid)
                .containsExactly("redflag-alerts", GrafanaLink.DASHBOARD_UID, "redflag-pipeline");
        for (Dashboards.Dashboard d : dashboards) {
            assertThat(d.title()).as(d.file()).startsWith("redflag — ");
            assertThat(d.json().path("schemaVersion").asInt()).as(d.file()).isEqualTo(39);
            assertThat(d.json().path("tags").toString()).as(d.file()).contains("\"redflag\"");
            assertThat(d.json().path("id").isNull()).as("%s: id must be null for provisioning", d.file()).isTrue();
        }
    }

    @Test
    void panelIdsAreUniqueAndEveryPanelHasAPlace() {
        for (Dashboards.Dashboard d : Dashboards.load()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.panels()) {
                String title = d.file() + ": " + panel.path("title").asText();
                assertThat(panel.path("id").isInt()).as(title).isTrue();
                assertThat(ids.add(panel.path("id").asInt())).as("%s: duplicate id %s", title, panel.path("id"))
                        .isTrue();
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("w").asInt()).as(title).isBetween(1, 24);
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
                assertThat(grid.path("h").asInt()).as(title).isPositive();
            }
        }
    }

    /**
     * Imported by hand ("Import dashboard"), Grafana asks for a Prometheus for {@code DS_PROMETHEUS} and
     * writes its uid where the JSON says {@code ${DS_PROMETHEUS}}: the datasource variable's current
     * value. Provisioned from files, nothing is substituted, the variable's value names no datasource
     * and Grafana selects the default Prometheus, the provisioned one.
     */
    @Test
    void everyDashboardImportsIntoAnyGrafanaThroughADatasourceVariable() {
        for (Dashboards.Dashboard d : Dashboards.load()) {
            JsonNode json = d.json();
            assertThat(json.path("__inputs")).as(d.file()).singleElement().satisfies(input -> {
                assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
                assertThat(input.path("type").asText()).isEqualTo("datasource");
                assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
            });
            assertThat(json.path("__requires")).as(d.file()).anySatisfy(r -> {
                assertThat(r.path("type").asText()).isEqualTo("datasource");
                assertThat(r.path("id").asText()).isEqualTo("prometheus");
            });
            JsonNode variable = d.variable("datasource");
            assertThat(variable).as("%s: variable datasource", d.file()).isNotNull();
            assertThat(variable.path("type").asText()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
            assertThat(variable.path("current").path("value").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(json.toString()).as("%s: a datasource by fixed uid", d.file()).doesNotContain("\"uid\":\"prometheus\"");
        }
    }

    @Test
    void everyQueryGoesToThePrometheusDatasourceVariable() {
        for (Dashboards.Dashboard d : Dashboards.load()) {
            for (JsonNode panel : d.panels()) {
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                String title = d.file() + ": panel " + panel.path("title").asText();
                assertThat(panel.path("targets")).as(title).isNotEmpty();
                assertPrometheus(panel.path("datasource"), title);
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertPrometheus(target.path("datasource"), title + " " + target.path("refId"));
                    assertThat(target.path("expr").asText()).as(title).isNotBlank();
                    assertThat(refIds.add(target.path("refId").asText())).as("%s: duplicate refId", title).isTrue();
                }
            }
            for (JsonNode variable : d.variables()) {
                if (variable.path("type").asText().equals("query")) {
                    assertPrometheus(variable.path("datasource"), d.file() + ": variable " + variable.path("name"));
                }
            }
            for (JsonNode annotation : d.annotations()) {
                assertPrometheus(annotation.path("datasource"), d.file() + ": annotation " + annotation.path("name"));
            }
        }
    }

    @Test
    void everyVariableUsedIsDefinedAndEveryVariableDefinedIsUsed() {
        for (Dashboards.Dashboard d : Dashboards.load()) {
            Set<String> defined = d.variables().stream().map(v -> v.path("name").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> used = new TreeSet<>();
            List<String> texts = new ArrayList<>();
            d.queries().forEach(q -> texts.add(q.expr()));
            d.panels().forEach(p -> texts.add(p.path("title").asText()));
            d.annotations().forEach(a -> texts.add(a.path("name").asText()));
            d.panels().forEach(p -> texts.add(p.path("datasource").path("uid").asText()));
            for (String text : texts) {
                for (String name : Promql.variables(text)) {
                    assertThat(defined.contains(name) || BUILT_INS.contains(name))
                            .as("%s: $%s in %s is not a variable of the dashboard (%s)", d.file(), name, text, defined)
                            .isTrue();
                    used.add(name);
                }
            }
            assertThat(used).as("%s: variables nothing uses", d.file()).containsAll(defined);
        }
    }

    @Test
    void theKpiDashboardHasAVariableForEveryLabelAGrafanaLinkSets() {
        Dashboards.Dashboard kpis = Dashboards.byUid(GrafanaLink.DASHBOARD_UID);
        for (String name : List.of("kpi", "tenant", "page", "channel", "window")) {
            assertThat(kpis.variable(name)).as("variable %s", name).isNotNull();
        }
        // a link sets var-<label> for the series' dimensions (and the rule's labels, which Grafana ignores)
        for (Rule rule : RULES.rules()) {
            for (String dim : CATALOG.spec(rule.kpi()).by()) {
                assertThat(kpis.variable(KpiGauges.labelName(dim))).as("%s: variable for %s", rule.alert(), dim)
                        .isNotNull();
            }
        }
        assertThat(kpis.variable("kpi").path("current").path("value").asText()).isEqualTo("bounce_rate");
        assertThat(kpis.variable("kpi").path("includeAll").asBoolean()).isFalse();
        for (String dim : List.of("window", "tenant", "page", "channel", "segment", "campaign")) {
            JsonNode variable = kpis.variable(dim);
            assertThat(variable.path("multi").asBoolean()).as(dim).isTrue();
            assertThat(variable.path("includeAll").asBoolean()).as(dim).isTrue();
            // "All" must also match series that do not have the label at all
            assertThat(variable.path("allValue").asText()).as(dim).isEqualTo(".*");
        }
    }

    @Test
    void chartLinksRenderThePanelOfTheSelectedKpiUnderTheDashboardsSlug() {
        Dashboards.Dashboard kpis = Dashboards.byUid(GrafanaLink.DASHBOARD_UID);
        // Grafana's slug: the title lower-cased, each run of other characters one dash
        assertThat(kpis.title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"))
                .isEqualTo(GrafanaLink.DASHBOARD_SLUG);
        List<JsonNode> panel = kpis.panels().stream()
                .filter(p -> p.path("id").asInt() == GrafanaLink.KPI_PANEL_ID).toList();
        assertThat(panel).hasSize(1);
        assertThat(panel.get(0).path("type").asText()).isEqualTo("timeseries");
        assertThat(panel.get(0).path("targets").get(0).path("expr").asText())
                .startsWith("{__name__=\"redflag_kpi_$kpi\"");
    }

    @Test
    void theKpiDashboardHasAPanelForEverySeedKpiFilteredByItsDimensions() {
        Dashboards.Dashboard kpis = Dashboards.byUid(GrafanaLink.DASHBOARD_UID);
        KpiCatalog seed = KpiCatalog.builtins(HOURLY);
        for (KpiSpec spec : seed.specs().values()) {
            JsonNode panel = kpiPanel(kpis, spec.name());
            String expr = panel.path("targets").get(0).path("expr").asText();
            for (String dim : CATALOG.spec(spec.name()).by()) {
                String label = KpiGauges.labelName(dim);
                assertThat(expr).as(spec.name()).contains(label + "=~\"$" + label + "\"");
            }
            assertThat(expr).as(spec.name()).contains("window=~\"$window\"");
        }
    }

    @Test
    void thresholdLinesAreTheRulePacksFixedThresholds() {
        Map<String, Set<Double>> fromRules = new TreeMap<>();
        for (Rule rule : RULES.rules()) {
            Set<Double> values = new TreeSet<>();
            thresholds(rule.condition(), values);
            if (rule.recovery() != null) {
                thresholds(rule.recovery(), values);
            }
            if (!values.isEmpty()) {
                fromRules.computeIfAbsent(rule.kpi(), k -> new TreeSet<>()).addAll(values);
            }
        }
        // the shipped pack judges every KPI statistically: no fixed line to draw, so no panel draws one
        assertThat(fromRules).isEmpty();

        Map<String, Set<Double>> onPanels = new TreeMap<>();
        Dashboards.Dashboard kpis = Dashboards.byUid(GrafanaLink.DASHBOARD_UID);
        for (String kpi : KpiCatalog.builtins(HOURLY).specs().keySet()) {
            JsonNode defaults = kpiPanel(kpis, kpi).path("fieldConfig").path("defaults");
            Set<Double> values = new TreeSet<>();
            for (JsonNode step : defaults.path("thresholds").path("steps")) {
                if (!step.path("value").isNull()) {
                    values.add(step.path("value").asDouble());
                }
            }
            if (!values.isEmpty()) {
                onPanels.put(kpi, values);
                assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asText()).as(kpi)
                        .isNotEqualTo("off");
            }
        }
        assertThat(onPanels).isEqualTo(fromRules);
    }

    @Test
    void alertTransitionsAreAnnotations() {
        for (String uid : List.of(GrafanaLink.DASHBOARD_UID, "redflag-alerts")) {
            assertThat(Dashboards.byUid(uid).annotations()).as(uid)
                    .anySatisfy(a -> assertThat(a.path("expr").asText()).contains("redflag_alert_transitions_total"));
        }
        assertThat(Dashboards.byUid(GrafanaLink.DASHBOARD_UID).annotations())
                .anySatisfy(a -> assertThat(a.path("expr").asText()).contains("redflag_alerts{kpi=\"$kpi\""));
    }

    @Test
    void linksOpenDashboardsThatExistWithVariablesTheyHave() {
        Map<String, Dashboards.Dashboard> byUid = Dashboards.load().stream()
                .collect(Collectors.toMap(Dashboards.Dashboard::uid, d -> d));
        int links = 0;
        for (Dashboards.Dashboard d : Dashboards.load()) {
            Matcher m = DASHBOARD_LINK.matcher(d.json().toString());
            while (m.find()) {
                links++;
                Dashboards.Dashboard target = byUid.get(m.group(1));
                assertThat(target).as("%s links to /d/%s", d.file(), m.group(1)).isNotNull();
                for (String param : m.group(2).split("&")) {
                    if (param.startsWith("var-")) {
                        String name = param.substring(4, param.indexOf('='));
                        assertThat(target.variable(name)).as("%s links with var-%s", d.file(), name).isNotNull();
                    }
                }
            }
        }
        assertThat(links).isPositive();
    }

    @Test
    void provisioningPointsGrafanaAtTheseDashboardsAndThisDatasource() throws IOException {
        JsonNode datasources = RuleFiles.read(GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
        assertThat(datasources.path("datasources")).singleElement().satisfies(ds -> {
            assertThat(ds.path("uid").asText()).isEqualTo("prometheus");
            assertThat(ds.path("type").asText()).isEqualTo("prometheus");
            assertThat(ds.path("url").asText()).startsWith("http");
        });
        JsonNode providers = RuleFiles.read(GRAFANA.resolve("provisioning/dashboards/redflag.yml"));
        String path = providers.path("providers").get(0).path("options").path("path").asText();
        assertThat(path).isEqualTo("/var/lib/grafana/dashboards/redflag");
        assertThat(providers.path("providers").get(0).path("type").asText()).isEqualTo("file");
        // the docs' Grafana command mounts the directories where the provisioning files expect them
        List<String> mounts = Files.readString(Path.of("../docs/metrics-and-dashboards.md")).lines()
                .filter(l -> l.contains("deploy/grafana/")).toList();
        assertThat(mounts).anySatisfy(l -> assertThat(l).contains("deploy/grafana/dashboards:" + path))
                .anySatisfy(l -> assertThat(l).contains("deploy/grafana/provisioning:/etc/grafana/provisioning"));
    }

    private static JsonNode kpiPanel(Dashboards.Dashboard kpis, String kpi) {
        String metric = KpiGauges.metricName(kpi) + "{";
        List<JsonNode> panels = kpis.panels().stream()
                .filter(p -> p.path("targets").size() > 0
                        && p.path("targets").get(0).path("expr").asText().startsWith(metric))
                .toList();
        assertThat(panels).as("panels of %s", kpi).hasSize(1);
        return panels.get(0);
    }

    private static void thresholds(Condition condition, Set<Double> into) {
        if (condition instanceof Condition.Threshold t) {
            into.add(t.value());
        } else if (condition instanceof Condition.All all) {
            all.conditions().forEach(c -> thresholds(c, into));
        } else if (condition instanceof Condition.Any any) {
            any.conditions().forEach(c -> thresholds(c, into));
        }
    }

    private static void assertPrometheus(JsonNode datasource, String what) {
        assertThat(datasource.path("type").asText()).as("%s: datasource type", what).isEqualTo("prometheus");
        assertThat(datasource.path("uid").asText()).as("%s: datasource uid", what).isEqualTo("${datasource}");
    }
}
