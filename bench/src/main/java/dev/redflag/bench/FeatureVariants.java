package dev.redflag.bench;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.rules.RuleBundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The job with one of its newer features switched off, to measure what the feature costs: the
 * KPIs without their default slices (and the rules without the slices they judge, which would
 * otherwise be refused against unsliced KPIs), and the rule pack judged on fixed hourly windows
 * instead of the multi-resolution {@code window: auto}.
 */
final class FeatureVariants {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern AUTO_WINDOW = Pattern.compile("(?m)^(\\s*)window:\\s*auto\\s*$");

    private FeatureVariants() {
    }

    /** The same KPIs, none of them sliced ({@code slices: []} on every KPI). */
    static KpiCatalog withoutSlices(KpiCatalog catalog) {
        List<KpiSpec> specs = catalog.specs().values().stream()
                .map(s -> s.isSliced() ? s.withSlices(List.of(), s.maxSlices()) : s)
                .toList();
        return new KpiCatalog(specs, catalog.currency());
    }

    /**
     * The same rules with no {@code slices:} in their conditions, so that they are judged on the
     * series alone: the rule set the job accepts against {@link #withoutSlices} (the shipped one
     * would be refused there, and the job would run with no rules at all).
     */
    static RuleBundle withoutSliceConditions(RuleBundle bundle) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        for (var file : bundle.files().entrySet()) {
            JsonNode tree = YAML.readTree(file.getValue());
            removeSlices(tree);
            files.put(file.getKey(), YAML.writeValueAsString(tree));
        }
        return new RuleBundle(files);
    }

    private static void removeSlices(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("slices");
        }
        node.forEach(FeatureVariants::removeSlices);
    }

    /** The same rules with every {@code window: auto} replaced by {@code window: <window>}. */
    static RuleBundle fixedWindows(RuleBundle bundle, String window) {
        SortedMap<String, String> files = new TreeMap<>();
        bundle.files().forEach((name, text) -> files.put(name, AUTO_WINDOW.matcher(text).replaceAll("$1window: " + window)));
        return new RuleBundle(files);
    }
}
