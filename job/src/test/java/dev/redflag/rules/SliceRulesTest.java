package dev.redflag.rules;

import java.time.Duration;

import dev.redflag.kpi.WindowSpec;

import dev.redflag.kpi.KpiCatalog;

import dev.redflag.rules.Condition.Direction;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.ConfigException;
import dev.redflag.yaml.Problems;
import dev.redflag.yaml.YamlTree;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.redflag.rules.RuleFixtures.problemsOf;
import static dev.redflag.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code slices:} on a shift: what it reads into and every way it can be wrong. */
class SliceRulesTest {

    /** The seed catalog: bounce_rate by tenant and page, sliced by channel and device. */
    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    private static List<String> problems(String yaml) {
        return problemsOf(() -> RuleLoader.parse(yaml, "r.yaml", CATALOG));
    }

    @Test
    void aShiftNamesDimensionsAndPairsToJudgeSlicesBy() {
        RuleSet set = RuleLoader.parse(rule("kpi: bounce_rate", "window: auto",
                "when: {shift: rise, percent: 25, slices: [channel, device, [channel, device]]}", "severity: info"),
                "r.yaml", CATALOG);
        assertThat(set.rules().get(0).condition()).isEqualTo(new Condition.Shift(Direction.UP, 25, Double.NaN, 5, true,
                false, false, null, List.of(List.of("channel"), List.of("device"), List.of("channel", "device"))));
        // without slices: as before
        RuleSet plain = RuleLoader.parse(rule("kpi: bounce_rate", "when: {shift: rise, percent: 25}",
                "severity: info"), "r.yaml", CATALOG);
        assertThat(((Condition.Shift) plain.rules().get(0).condition()).slices()).isEmpty();
    }

    @Test
    void pairsAreTwoDifferentDimensionsAndNothingIsListedTwice() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise, percent: 25, slices: [channel, "
                + "[channel, device, page]]}", "severity: info"))).containsExactly(
                "r.yaml:6:60: groups[0].rules[0].when.slices[1]: a pair of dimensions is a list of two, "
                        + "e.g. [channel, device], got 3");
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise, percent: 25, slices: [[device, device]]}",
                "severity: info"))).containsExactly(
                "r.yaml:6:51: groups[0].rules[0].when.slices[0]: a pair needs two different dimensions, "
                        + "got [device, device]");
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise, percent: 25, slices: [[channel, device], "
                + "[device, channel]]}", "severity: info"))).containsExactly(
                "r.yaml:6:70: groups[0].rules[0].when.slices[1]: 'device, channel' is listed twice (first at line 6)");
    }

    @Test
    void slicesBelongToShiftsAndAreAList() {
        assertThat(problems(rule("kpi: bounce_rate", "when: {above: 0.5, slices: [channel]}", "severity: info")))
                .containsExactly("r.yaml:6:28: groups[0].rules[0].when.slices: 'slices' does not apply to above; "
                        + "above takes no options");
        assertThat(problems(rule("kpi: mql_to_sql_rate", "window: auto", "when: {stall: true, slices: [channel]}",
                "severity: info"))).containsExactly("r.yaml:7:29: groups[0].rules[0].when.slices: 'slices' does not "
                + "apply to stall; stall takes min_denominator, windows, sensitivity");
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise, percent: 25, slices: channel}",
                "severity: info"))).containsExactly(
                "r.yaml:6:50: groups[0].rules[0].when.slices: expected a list, got 'channel'");
        assertThat(problems(rule("kpi: bounce_rate", "when: {shift: rise, percent: 25, slices: []}",
                "severity: info"))).containsExactly(
                "r.yaml:6:50: groups[0].rules[0].when.slices: give at least one dimension, e.g. [channel]");
    }

    @Test
    void aDimensionTheKpiDoesNotDeclareIsAnErrorAtLoad() {
        Problems problems = new Problems();
        ConfigNode when = YamlTree.parse("{shift: rise, percent: 25, slices: [channel, [chanel, device], country]}",
                "r.yaml", problems);
        SliceDimensions declared = kpi -> List.of("channel", "device");
        ConditionReader reader = new ConditionReader(new RuleValues(problems, true), CATALOG.spec("bounce_rate"), true,
                declared);
        assertThat(reader.read(when, false)).isNull();
        assertThatThrownBy(problems::throwIfAny).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "r.yaml:1:47: slices[1][0]: KPI 'bounce_rate' is not sliced by 'chanel'; did you mean "
                                + "'channel'?; it is sliced by channel, device",
                        "r.yaml:1:64: slices[2]: KPI 'bounce_rate' is not sliced by 'country'; it is sliced by "
                                + "channel, device"));
        Problems none = new Problems();
        ConfigNode node = YamlTree.parse("{shift: rise, percent: 25, slices: [channel]}", "r.yaml", none);
        assertThat(new ConditionReader(new RuleValues(none, true), CATALOG.spec("bounce_rate"), true, kpi -> List.of())
                .read(node, false)).isNull();
        assertThatThrownBy(none::throwIfAny).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).containsExactly("r.yaml:1:37: slices[0]: KPI 'bounce_rate' declares no "
                        + "dimensions to slice by, so it has no slice 'channel'; declare them in its KPI definition"));
    }
}
