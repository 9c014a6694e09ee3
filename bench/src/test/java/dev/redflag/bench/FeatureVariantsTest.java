package dev.redflag.bench;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.Condition;
import dev.redflag.rules.Rule;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureVariantsTest {

    private static final Path RULES = Path.of("../alerts-config/rules");
    private static final KpiCatalog CATALOG = Bench.catalog(RULES, List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    @Test
    void slicesOffDropsEverySliceAndNothingElse() {
        KpiCatalog off = FeatureVariants.withoutSlices(CATALOG);

        assertThat(CATALOG.specs().values().stream().filter(KpiSpec::isSliced).map(KpiSpec::name))
                .containsExactlyInAnyOrder("bounce_rate", "conversion_rate", "nps", "ctr", "cpc");
        assertThat(off.specs().values()).noneMatch(KpiSpec::isSliced);
        for (KpiSpec spec : CATALOG.specs().values()) {
            assertThat(off.spec(spec.name()).withSlices(spec.slices(), spec.maxSlices())).isEqualTo(spec);
        }
        assertThat(off.currency()).isEqualTo(CATALOG.currency());
    }

    @Test
    void withoutSliceConditionsEveryRuleIsJudgedOnTheUnslicedKpis() throws Exception {
        RuleBundle shipped = RuleBundle.read(RULES);
        KpiCatalog off = FeatureVariants.withoutSlices(CATALOG);
        List<Rule> sliced = RuleLoader.parseAll(shipped.files(), CATALOG).rules();

        assertThat(sliced).anyMatch(r -> r.condition() instanceof Condition.Shift s && !s.slices().isEmpty());
        assertThatThrownBy(() -> RuleLoader.parseAll(shipped.files(), off)).hasMessageContaining("declares no dimensions to slice by");
        List<Rule> plain = RuleLoader.parseAll(FeatureVariants.withoutSliceConditions(shipped).files(), off).rules();
        assertThat(plain).hasSameSizeAs(sliced)
                .noneMatch(r -> r.condition() instanceof Condition.Shift s && !s.slices().isEmpty());
        assertThat(plain.stream().map(Rule::alert)).isEqualTo(sliced.stream().map(Rule::alert).toList());
        assertThat(plain.stream().map(Rule::window)).isEqualTo(sliced.stream().map(Rule::window).toList());
    }

    @Test
    void fixedWindowsJudgeEveryRuleOfThePackOnItsHourlyWindow() throws Exception {
        RuleBundle shipped = RuleBundle.read(RULES);
        List<Rule> auto = RuleLoader.parseAll(shipped.files(), CATALOG).rules();
        List<Rule> fixed = RuleLoader.parseAll(FeatureVariants.fixedWindows(shipped, "1h").files(), CATALOG).rules();

        assertThat(auto).anyMatch(FeatureVariantsTest::pooled);
        assertThat(fixed).hasSameSizeAs(auto).noneMatch(FeatureVariantsTest::pooled)
                .allMatch(r -> r.window().equals("1h"));
        assertThat(fixed.stream().map(Rule::alert)).isEqualTo(auto.stream().map(Rule::alert).toList());
    }

    private static boolean pooled(Rule rule) {
        return rule.condition() instanceof Condition.Shift s && s.scan();
    }
}
