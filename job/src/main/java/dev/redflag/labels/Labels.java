package dev.redflag.labels;

import java.util.List;
import java.util.Map;

/** Rules, routes, silences and inhibit rules all mean "every matcher holds"; said once here. */
public final class Labels {

    private Labels() {
    }

    public static boolean matchAll(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }
}
