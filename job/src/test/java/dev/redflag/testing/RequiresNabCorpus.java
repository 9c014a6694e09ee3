package dev.redflag.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class or method reads the NAB corpus ({@link NabCorpusDir}): it is skipped, with one
 * line saying where the corpus goes, where it is absent; under {@code REDFLAG_REQUIRE_SERVICES=1}
 * it fails instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequirementsCondition.class)
public @interface RequiresNabCorpus {
}
