package dev.redflag.kpi;

import dev.redflag.event.EventType;
import dev.redflag.kpi.EventFields.StringField;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The KPIs a job computes, built once at start from the seed catalog and the user's definitions.
 * Operators receive it as a serialized field and look routes up by index, never by name on the
 * per-event path.
 */
public final class KpiCatalog implements Serializable {

    private final Map<String, KpiSpec> specs;
    /** What {@code unit: currency} is shown with; "" for none. */
    private final String currency;
    private final List<KpiRoute> routes;
    private final KpiRoute[][] routesByType;
    /** Per route index, the KPI's examples when this route's events are the ones sampled, else null. */
    private final ExampleSpec[] examplesByRoute;

    public KpiCatalog(List<KpiSpec> specs) {
        this(specs, "");
    }

    /**
     * @param currency what KPIs of {@code unit: currency} are shown with in alerts: an ISO code
     *                 ({@code EUR}) or a symbol ({@code €}); "" for none
     */
    public KpiCatalog(List<KpiSpec> specs, String currency) {
        this.currency = currency == null ? "" : currency.strip();
        Map<String, KpiSpec> byName = new LinkedHashMap<>();
        for (KpiSpec spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("duplicate KPI " + spec.name());
            }
        }
        this.specs = Collections.unmodifiableMap(byName);
        List<KpiRoute> all = new ArrayList<>();
        List<ExampleSpec> sampling = new ArrayList<>();
        List<List<KpiRoute>> perType = new ArrayList<>();
        for (int i = 0; i < EventType.values().length; i++) {
            perType.add(new ArrayList<>());
        }
        for (KpiSpec spec : specs) {
            if (spec.family() != KpiFamily.WINDOWED) {
                continue;
            }
            for (WindowSpec window : spec.windows()) {
                for (int i = 0; i < spec.inputs().size(); i++) {
                    KpiInput input = spec.inputs().get(i);
                    List<StringField> dims = new ArrayList<>();
                    for (String dim : spec.by()) {
                        dims.add(EventFields.string(input.type(), dim));
                    }
                    List<StringField> slices = new ArrayList<>();
                    for (String dim : spec.slices()) {
                        slices.add(EventFields.string(input.type(), dim));
                    }
                    KpiRoute route = new KpiRoute(all.size(), spec, window,
                            window.size().toMillis(), window.slide().toMillis(), input,
                            List.copyOf(dims), List.copyOf(slices));
                    all.add(route);
                    sampling.add(spec.examples().enabled() && spec.examples().input() == i ? spec.examples() : null);
                    perType.get(input.type().ordinal()).add(route);
                }
            }
        }
        this.routes = List.copyOf(all);
        this.examplesByRoute = sampling.toArray(new ExampleSpec[0]);
        this.routesByType = new KpiRoute[perType.size()][];
        for (int i = 0; i < perType.size(); i++) {
            routesByType[i] = perType.get(i).toArray(new KpiRoute[0]);
        }
    }

    /** The seed catalog with the given default windows and no user definitions. */
    public static KpiCatalog builtins(List<WindowSpec> windows) {
        return new KpiCatalog(BuiltinKpis.all(windows));
    }

    public KpiSpec spec(String name) {
        KpiSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown KPI " + name);
        }
        return spec;
    }

    public boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** What {@code unit: currency} is shown with; "" for none. */
    public String currency() {
        return currency;
    }

    /** How the numbers of a KPI read for people; {@link KpiFormat#PLAIN} for a KPI not in the catalog. */
    public KpiFormat format(String kpi) {
        KpiSpec spec = specs.get(kpi);
        return spec == null ? KpiFormat.PLAIN : KpiFormat.of(spec, currency);
    }

    public Map<String, KpiSpec> specs() {
        return specs;
    }

    /** Every dimension name any KPI is computed by, sorted. */
    public SortedSet<String> dimensions() {
        SortedSet<String> dims = new TreeSet<>();
        specs.values().forEach(spec -> dims.addAll(spec.by()));
        return Collections.unmodifiableSortedSet(dims);
    }

    public List<KpiSpec> family(KpiFamily family) {
        return specs.values().stream().filter(s -> s.family() == family).toList();
    }

    public KpiRoute route(int index) {
        return routes.get(index);
    }

    /** Every route of a windowed KPI, in index order ({@code routes().get(i).index() == i}). */
    public List<KpiRoute> routes() {
        return routes;
    }

    /**
     * The examples sampled from the events of route {@code index}, or null: a KPI's examples come
     * from one of its inputs, so that an event feeding both sides of a ratio is sampled once.
     */
    public ExampleSpec sampledExamples(int index) {
        return examplesByRoute[index];
    }

    /** The routes fed by events of {@code type}; the array must not be modified. */
    public KpiRoute[] routes(EventType type) {
        return routesByType[type.ordinal()];
    }
}
