package dev.redflag.scorecard;

import dev.redflag.backtest.RuleFiles;
import dev.redflag.kpi.KpiCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small scorecard of the shipped rule pack, held to issue 15's targets: a regression fails the build. */
class ScorecardTest {

    @Test
    void theShippedPackMeetsTheTargetsOnTheSmallGrid() throws Exception {
        KpiCatalog catalog = Catalogs.shipped();
        RuleFiles pack = RuleFiles.load(Catalogs.REPOSITORY.resolve("alerts-config/rules"), catalog);
        Scorecard card = Scorecard.run(pack.rules(), catalog, GridSize.small.defaultSeeds(), 2);
        Targets targets = card.report().targets();
        String table = card.table();
        assertThat(targets.detectionMet()).as("incidents of at least 5 SE detected%n%s", table).isTrue();
        assertThat(targets.timeToDetectMet()).as("median time to detect%n%s", table).isTrue();
        assertThat(targets.falseAlertsMet()).as("false alerts per 100 series-days%n%s", table).isTrue();
    }

    @Test
    void theSameSeedsGiveTheSameScorecardWhateverTheThreads() throws Exception {
        List<KpiModel> nps = List.of(Grid.MODELS.get(2));
        var rules = Rules.of("""
                groups:
                  - name: customers
                    rules:
                      - {alert: NpsLow, severity: warning, kpi: nps, when: {below: 10}, min_sample: 10}
                """);
        Scorecard one = Scorecard.ofModels(nps, rules, Catalogs.shipped(), 1, 1);
        Scorecard two = Scorecard.ofModels(nps, rules, Catalogs.shipped(), 1, 2);
        assertThat(two.csv()).isEqualTo(one.csv());
        assertThat(one.report().all().incidents()).isEqualTo(45);
        assertThat(one.report().all().detected()).isPositive();
    }
}
