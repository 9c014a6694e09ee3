package dev.redflag.bench;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCatalogTest {

    private static final List<WindowSpec> HOURLY = List.of(WindowSpec.tumbling(Duration.ofHours(1)));

    /** The bench runs the shipped pack, whose rules use KPIs of its own kpis.yaml (sessions, signups). */
    @Test
    void theShippedPackLoadsAgainstTheKpisBesideIt() throws Exception {
        Path rules = Path.of("../alerts-config/rules");
        KpiCatalog catalog = Bench.catalog(rules, HOURLY);

        assertThat(catalog.specs()).containsKeys("sessions", "signups", "bounce_rate");
        assertThat(RuleLoader.parseAll(RuleBundle.read(rules).files(), catalog).rules()).isNotEmpty();
    }

    @Test
    void aRulesDirectoryWithoutKpisBesideItGetsTheBuiltInCatalog() {
        assertThat(Bench.catalog(Path.of("/"), HOURLY).specs().keySet())
                .isEqualTo(KpiCatalog.builtins(HOURLY).specs().keySet());
    }
}
