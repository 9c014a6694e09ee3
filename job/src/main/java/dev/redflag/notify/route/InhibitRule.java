package dev.redflag.notify.route;

import dev.redflag.labels.Matcher;

import java.io.Serializable;
import java.util.List;

/**
 * "While a source alert fires, do not notify about target alerts that share its {@code equal}
 * labels" — e.g. a critical alert mutes the warning about the same tenant.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal)
        implements Serializable {

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }
}
