package dev.redflag.testing;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class or method runs these programs: it is skipped, with one line naming the Debian
 * package, where one is missing; under {@code REDFLAG_REQUIRE_SERVICES=1} it fails instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequirementsCondition.class)
public @interface RequiresProgram {

    Program[] value();
}
