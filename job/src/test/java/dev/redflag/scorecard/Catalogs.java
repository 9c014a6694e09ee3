package dev.redflag.scorecard;

import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiDefinitions;

import java.nio.file.Path;

/** The shipped KPI definitions (alerts-config/kpis.yaml over the seed catalog), as the command loads them by default. */
final class Catalogs {

    static final Path REPOSITORY = Path.of("..");

    private Catalogs() {
    }

    static KpiCatalog shipped() {
        return KpiDefinitions.load(REPOSITORY.resolve("alerts-config/kpis.yaml"),
                JobConfig.defaults("localhost:9092").kpis().windows());
    }
}
