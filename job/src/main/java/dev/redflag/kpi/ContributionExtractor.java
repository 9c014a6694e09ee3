package dev.redflag.kpi;

import dev.redflag.event.Event;

import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one event into its contributions to windowed KPIs, one key string per matching route. The
 * job merges them per pane with {@link ContributionCombiner} instead; this one-by-one form is what
 * the combiner's results are checked against, and what the window operator's tests feed it.
 */
public final class ContributionExtractor {

    private final KpiCatalog catalog;
    private final StringBuilder key = new StringBuilder(64);
    private final StringBuilder slice = new StringBuilder(32);
    /** Per route index, the key's fixed start {@code kpi SEP window}, joined once. */
    private final String[] prefixes;

    public ContributionExtractor(KpiCatalog catalog) {
        this.catalog = catalog;
        this.prefixes = KpiKeys.routePrefixes(catalog);
    }

    private String sliceKey(KpiRoute route, Event event) {
        if (route.slices().isEmpty()) {
            return SliceKey.NONE;
        }
        slice.setLength(0);
        for (int i = 0; i < route.slices().size(); i++) {
            SliceKey.append(slice, route.slices().get(i).get(event));
        }
        return slice.toString();
    }

    private List<Example> examples(KpiRoute route, Event event) {
        ExampleSpec examples = catalog.sampledExamples(route.index());
        return examples != null && examples.when().test(event) ? List.of(examples.example(event)) : List.of();
    }

    public void extract(Event event, Consumer<Contribution> out) {
        for (KpiRoute route : catalog.routes(event.type())) {
            KpiInput input = route.input();
            if (!input.when().test(event)) {
                continue;
            }
            key.setLength(0);
            key.append(prefixes[route.index()]);
            for (int i = 0; i < route.dims().size(); i++) {
                key.append(KpiKeys.SEP).append(route.dims().get(i).get(event));
            }
            double num = input.numerator().get(event);
            double den = input.denominator().get(event);
            out.accept(new Contribution(key.toString(), route.index(), event.ts(), num, den, input.value().get(event),
                    1, num * num, num * den, den * den,
                    sliceKey(route, event), examples(route, event)));
        }
    }
}
