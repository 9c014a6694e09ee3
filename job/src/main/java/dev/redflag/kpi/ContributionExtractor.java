package dev.redflag.kpi;

import dev.redflag.event.Event;

import java.util.function.Consumer;

/**
 * Turns one event into its contributions to windowed KPIs. Runs on the per-event path: no lookups
 * by name, one key string per matching route.
 */
public final class ContributionExtractor {

    private final KpiCatalog catalog;
    private final StringBuilder key = new StringBuilder(64);

    public ContributionExtractor(KpiCatalog catalog) {
        this.catalog = catalog;
    }

    public void extract(Event event, Consumer<Contribution> out) {
        for (KpiRoute route : catalog.routes(event.type())) {
            KpiInput input = route.input();
            if (!input.when().test(event)) {
                continue;
            }
            KpiKeys.start(key, route.spec().name(), route.window().label());
            for (int i = 0; i < route.dims().size(); i++) {
                key.append(KpiKeys.SEP).append(route.dims().get(i).get(event));
            }
            out.accept(new Contribution(key.toString(), route.index(), event.ts(),
                    input.numerator().get(event), input.denominator().get(event),
                    input.value().get(event)));
        }
    }
}
