package dev.redflag.rules;

import dev.redflag.yaml.Suggestions;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean ...?" for rule files, allowing more typos in longer words so that a one-letter
 * name is not "corrected" into an unrelated one.
 */
final class Hints {

    private Hints() {
    }

    /** {@code "; did you mean 'x'?"}, or {@code ""} when nothing is close. */
    static String didYouMean(String word, Collection<String> candidates) {
        return didYouMean(word, candidates, "");
    }

    /** Like {@link #didYouMean(String, Collection)}, with a prefix on the suggestion ({@code labels.}). */
    static String didYouMean(String word, Collection<String> candidates, String prefix) {
        return closest(word, candidates).map(s -> "; did you mean '" + prefix + s + "'?").orElse("");
    }

    /** The candidate within 1 edit of a short word, up to 3 of a long one. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        return Suggestions.near(word, candidates);
    }
}
