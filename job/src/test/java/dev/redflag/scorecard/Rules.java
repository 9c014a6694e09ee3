package dev.redflag.scorecard;

import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;

import java.util.Map;

/** A rule set from the text of one rule file, loaded as the command loads files. */
final class Rules {

    private Rules() {
    }

    static RuleSet of(String yaml) {
        return RuleLoader.parseAll(Map.of("test.yaml", yaml), Catalogs.shipped());
    }
}
