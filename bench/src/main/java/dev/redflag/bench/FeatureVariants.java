package dev.redflag.bench;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.rules.RuleBundle;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The job with one of its newer features switched off, to measure what the feature costs: the
 * KPIs without their default slices, and the rule pack judged on fixed hourly windows instead of
 * the multi-resolution {@code window: auto}.
 */
final class FeatureVariants {

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

    /** The same rules with every {@code window: auto} replaced by {@code window: <window>}. */
    static RuleBundle fixedWindows(RuleBundle bundle, String window) {
        SortedMap<String, String> files = new TreeMap<>();
        bundle.files().forEach((name, text) -> files.put(name, AUTO_WINDOW.matcher(text).replaceAll("$1window: " + window)));
        return new RuleBundle(files);
    }
}
