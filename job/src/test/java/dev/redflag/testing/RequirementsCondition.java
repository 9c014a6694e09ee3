package dev.redflag.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link RequiresProgram} and {@link RequiresNabCorpus} do: a test whose program or corpus is
 * missing is skipped, with a reason that says what to install ({@link SkippedTestsReport} prints it),
 * so that {@code ./mvnw verify} passes on a machine with only a JDK. Under
 * {@code REDFLAG_REQUIRE_SERVICES=1}, which CI sets after installing everything, it fails instead,
 * so that nothing is skipped there without anyone noticing.
 */
public final class RequirementsCondition implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    static final String REQUIRE = "REDFLAG_REQUIRE_SERVICES";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = missing(context.getElement());
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("has what it needs");
        }
        // a required one fails in the callbacks below, as a failure of this test rather than of a condition
        return required() ? ConditionEvaluationResult.enabled(REQUIRE + " is set")
                : ConditionEvaluationResult.disabled("needs " + String.join(", ", missing));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failIfMissing(context.getElement());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failIfMissing(context.getElement());
    }

    private static void failIfMissing(Optional<AnnotatedElement> element) {
        List<String> missing = missing(element);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(REQUIRE + "=1, and this test needs what this machine lacks: "
                    + String.join(", ", missing));
        }
    }

    /** What the element's annotations ask for that is not here, each with how to get it. */
    private static List<String> missing(Optional<AnnotatedElement> element) {
        List<String> missing = new ArrayList<>();
        AnnotationSupport.findAnnotation(element, RequiresProgram.class).ifPresent(requires -> {
            for (Program program : requires.value()) {
                if (program.find().isEmpty()) {
                    missing.add(program.command() + " (" + program.installHint() + ")");
                }
            }
        });
        if (AnnotationSupport.isAnnotated(element, RequiresNabCorpus.class) && !NabCorpusDir.present()) {
            missing.add(NabCorpusDir.missing());
        }
        return missing;
    }

    /** {@code REDFLAG_REQUIRE_SERVICES}: 1 or true fails a test that lacks something, unset, 0 or false skips it. */
    private static boolean required() {
        String value = System.getenv(REQUIRE);
        if (value == null || value.isBlank() || value.equals("0") || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equals("1") || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalStateException(REQUIRE + "=" + value + ": set it to 1 (fail a test that lacks a program "
                + "or the NAB corpus) or leave it unset (skip it)");
    }
}
