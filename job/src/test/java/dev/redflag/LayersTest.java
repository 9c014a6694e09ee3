package dev.redflag;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The packages of the job point one way: event -> kpi -> rules -> alert -> notify -> pipeline ->
 * the commands, over three packages any of them may use (yaml, labels, flinktypes), with the job's
 * settings (config) and its meters (metrics) beside the chain. A package may depend only on the
 * ones listed for it, so a new dependency that points the wrong way fails here, naming both
 * classes, instead of growing a cycle that makes the next change touch both ends.
 *
 * <p>A package's tests are held to its layer too; the test-only helpers ({@code testing},
 * {@code deploy}) are in no layer, so reaching them is not checked.
 */
@AnalyzeClasses(packages = "dev.redflag")
class LayersTest {

    private static final String[] BASE = {"env", "yaml", "labels", "flinktypes"};

    private static final ImportOption MAIN_CODE = new ImportOption.DoNotIncludeTests();

    private static final DescribedPredicate<JavaClass> IN_MAIN_CODE = DescribedPredicate.describe("main code",
            c -> c.getSource().map(s -> MAIN_CODE.includes(Location.of(s.getUri()))).orElse(true));

    /** Every class of the main code is in a layer, so a new package has to be given its place here. */
    @ArchTest
    static void mainCodeKeepsItsLayers(JavaClasses classes) {
        layers().ensureAllClassesAreContainedInArchitecture().check(classes.that(IN_MAIN_CODE));
    }

    @ArchTest
    static void testsKeepTheLayersOfTheirPackages(JavaClasses classes) {
        layers().check(classes);
    }

    @ArchTest
    static void mainCodeHasNoPackageCycles(JavaClasses classes) {
        slices().matching("dev.redflag.(*)..").should().beFreeOfCycles().check(classes.that(IN_MAIN_CODE));
    }

    private static LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("env").definedBy("dev.redflag.env..")
                .layer("yaml").definedBy("dev.redflag.yaml..")
                .layer("labels").definedBy("dev.redflag.labels..")
                .layer("flinktypes").definedBy("dev.redflag.flinktypes..")
                .layer("event").definedBy("dev.redflag.event..")
                .layer("kpi").definedBy("dev.redflag.kpi..")
                .layer("rules").definedBy("dev.redflag.rules..")
                .layer("alert").definedBy("dev.redflag.alert..")
                .layer("config").definedBy("dev.redflag.config..")
                .layer("metrics").definedBy("dev.redflag.metrics..")
                .layer("notify").definedBy("dev.redflag.notify..")
                .layer("pipeline").definedBy("dev.redflag.pipeline..")
                .layer("ruletest").definedBy("dev.redflag.ruletest..")
                .layer("backtest").definedBy("dev.redflag.backtest..")
                .layer("demo").definedBy("dev.redflag.demo..")
                .layer("scorecard").definedBy("dev.redflag.scorecard..")
                .layer("nab").definedBy("dev.redflag.nab..")
                .layer("actions").definedBy("dev.redflag.actions..")
                .layer("report").definedBy("dev.redflag.report..")
                .layer("cli").definedBy("dev.redflag.cli..")
                .whereLayer("env").mayNotAccessAnyLayer()
                .whereLayer("yaml").mayNotAccessAnyLayer()
                .whereLayer("labels").mayNotAccessAnyLayer()
                .whereLayer("flinktypes").mayNotAccessAnyLayer()
                .whereLayer("event").mayOnlyAccessLayers(BASE)
                .whereLayer("kpi").mayOnlyAccessLayers(with("event"))
                .whereLayer("rules").mayOnlyAccessLayers(with("event", "kpi"))
                .whereLayer("alert").mayOnlyAccessLayers(with("event", "kpi", "rules"))
                .whereLayer("config").mayOnlyAccessLayers(with("event", "kpi"))
                .whereLayer("metrics").mayOnlyAccessLayers(with("event", "kpi", "rules", "alert", "config"))
                .whereLayer("notify").mayOnlyAccessLayers(with("event", "kpi", "rules", "alert", "config", "metrics"))
                .whereLayer("pipeline").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify"))
                .whereLayer("ruletest").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify", "pipeline"))
                .whereLayer("backtest").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify", "pipeline"))
                .whereLayer("demo").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify", "pipeline"))
                .whereLayer("scorecard").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "backtest"))
                .whereLayer("nab").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify", "pipeline", "backtest"))
                .whereLayer("actions").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify"))
                .whereLayer("report").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify", "backtest"))
                .whereLayer("cli").mayOnlyAccessLayers(with(
                        "event", "kpi", "rules", "alert", "config", "metrics", "notify", "pipeline",
                        "ruletest", "backtest", "demo", "scorecard", "nab", "actions", "report"));
    }

    /** The base packages and {@code layers}. */
    private static String[] with(String... layers) {
        String[] all = new String[BASE.length + layers.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(layers, 0, all, BASE.length, layers.length);
        return all;
    }
}
