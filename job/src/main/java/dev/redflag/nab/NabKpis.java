package dev.redflag.nab;

import dev.redflag.yaml.Durations;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowMath;
import dev.redflag.kpi.WindowSpec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the NAB corpus enters redflag as a user's metrics would: every row becomes a {@code metric}
 * event named after its file, and every file a user KPI of kind {@code metric} (the mean of the
 * file's events over tumbling windows of the file's sampling step), so the job's own event decoder,
 * gate and window operator turn rows into KPI values.
 *
 * <p>The step is the file's most common gap between rows (5 minutes for most, 1 hour for the ad
 * exchange, 10 minutes for two traffic files). Windows are epoch-aligned, so a row is alone in its
 * window unless the file has two rows closer than its step: 173 of the 365,558 rows share a window
 * with another (duplicate timestamps, one clock step back in {@code machine_temperature}, irregular
 * traffic sensors). Such rows get their window's value (the mean) and its score.
 */
public final class NabKpis {

    private final List<NabSeries> corpus;
    private final Map<String, Integer> byKpi = new HashMap<>();
    private final String[] kpis;
    private final long[] steps;

    public NabKpis(List<NabSeries> corpus) {
        this.corpus = List.copyOf(corpus);
        this.kpis = new String[corpus.size()];
        this.steps = new long[corpus.size()];
        for (int f = 0; f < corpus.size(); f++) {
            kpis[f] = kpiName(corpus.get(f));
            steps[f] = step(corpus.get(f).timestamps());
            if (byKpi.put(kpis[f], f) != null) {
                throw new IllegalArgumentException("two NAB files map to the KPI " + kpis[f]);
            }
        }
    }

    public List<NabSeries> corpus() {
        return corpus;
    }

    /** The file's KPI, e.g. {@code nab_exchange_3_cpc_results}. */
    public String kpi(int file) {
        return kpis[file];
    }

    /** The file with this KPI, or -1. */
    public int file(String kpi) {
        Integer f = byKpi.get(kpi);
        return f == null ? -1 : f;
    }

    /** The file's sampling step (its KPI window), in millis. */
    public long step(int file) {
        return steps[file];
    }

    /** The window a row falls into. */
    public long windowStart(int file, int row) {
        return WindowMath.lastStart(corpus.get(file).timestamps()[row], steps[file]);
    }

    /** {@code nab_} and the file's name in lower snake case. */
    static String kpiName(NabSeries s) {
        return "nab_" + s.shortName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** The most common positive gap between consecutive rows, in millis (ties: the shorter). */
    static long step(long[] ts) {
        Map<Long, Integer> counts = new HashMap<>();
        long best = 0;
        int bestCount = 0;
        for (int i = 1; i < ts.length; i++) {
            long gap = ts[i] - ts[i - 1];
            if (gap <= 0) {
                continue;
            }
            int c = counts.merge(gap, 1, Integer::sum);
            if (c > bestCount || (c == bestCount && gap < best)) {
                best = gap;
                bestCount = c;
            }
        }
        if (best == 0) {
            throw new IllegalArgumentException("a series needs two rows at different times");
        }
        return best;
    }

    /** The file's KPIs: one {@code metric} KPI per file, nothing else (the seed KPIs are left out). */
    public KpiCatalog catalog() {
        StringBuilder yaml = new StringBuilder("custom:\n");
        for (int f = 0; f < corpus.size(); f++) {
            yaml.append("  - name: ").append(kpis[f]).append('\n')
                    .append("    description: NAB ").append(corpus.get(f).name()).append('\n')
                    .append("    kind: metric\n")
                    .append("    metric: \"").append(corpus.get(f).name()).append("\"\n")
                    .append("    aggregate: mean\n")
                    .append("    windows: [").append(window(f)).append("]\n");
        }
        KpiCatalog all = KpiDefinitions.parse(yaml.toString(), "nab-kpis.yaml",
                List.of(WindowSpec.tumbling(Duration.ofHours(1))));
        List<KpiSpec> mine = new ArrayList<>();
        for (String kpi : kpis) {
            mine.add(all.spec(kpi));
        }
        return new KpiCatalog(mine);
    }

    /** The window label of the file's KPI, e.g. {@code 5m}. */
    public String window(int file) {
        return Durations.format(Duration.ofMillis(steps[file]));
    }

    /** Every row as a {@code metric} event, one JSON object per line, file after file. */
    public List<byte[]> events() {
        List<byte[]> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder(160);
        for (NabSeries s : corpus) {
            String name = s.name();
            for (int i = 0; i < s.rows(); i++) {
                sb.setLength(0);
                sb.append("{\"type\":\"metric\",\"ts\":").append(s.timestamps()[i]).append(",\"name\":\"")
                        .append(name).append("\",\"value\":").append(s.values()[i]).append('}');
                lines.add(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /**
     * A rule file with one rule per file and detector at the default sensitivity, for the false
     * alerts a user would get: group {@code <kpi>}, alert {@code Nab<Detector>}.
     */
    public String rules(List<NabDetector> detectors) {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (String kpi : kpis) {
            yaml.append("  - name: ").append(kpi).append("\n    rules:\n");
            for (NabDetector d : detectors) {
                yaml.append("      - alert: ").append(alertName(d)).append('\n')
                        .append("        kpi: ").append(kpi).append('\n')
                        .append("        when: ").append(d.when()).append('\n')
                        .append("        severity: info\n");
            }
        }
        return yaml.toString();
    }

    /** {@code seasonal_range} → {@code NabSeasonalRange}. */
    public static String alertName(NabDetector d) {
        StringBuilder sb = new StringBuilder("Nab");
        for (String part : d.name().split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
