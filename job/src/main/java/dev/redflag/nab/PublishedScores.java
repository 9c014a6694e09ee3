package dev.redflag.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The published normalised scores that a redflag run is shown beside, from the dataset's
 * {@code results/final_results.json}: Numenta HTM, Twitter ADVec, windowed Gaussian and Etsy
 * Skyline (NAB's names {@code numenta}, {@code twitterADVec}, {@code windowedGaussian},
 * {@code skyline}).
 */
public final class PublishedScores {

    /** One published detector: its name for people and its score per profile name. */
    public record Published(String name, Map<String, Double> scores) {
    }

    private static final List<String[]> SHOWN = List.of(
            new String[]{"numenta", "Numenta HTM"},
            new String[]{"twitterADVec", "Twitter ADVec"},
            new String[]{"windowedGaussian", "Windowed Gaussian"},
            new String[]{"skyline", "Etsy Skyline"});

    private PublishedScores() {
    }

    /** The published scores, or none when the dataset has no {@code results/final_results.json}. */
    public static List<Published> read(Path dataset) throws IOException {
        Path json = dataset.resolve("results/final_results.json");
        if (!Files.isRegularFile(json)) {
            return List.of();
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Published> out = new ArrayList<>();
        for (String[] d : SHOWN) {
            JsonNode node = root.get(d[0]);
            if (node != null) {
                out.add(new Published(d[1], Map.of(
                        Profile.STANDARD.name(), node.path(Profile.STANDARD.name()).asDouble(Double.NaN),
                        Profile.REWARD_LOW_FP.name(), node.path(Profile.REWARD_LOW_FP.name()).asDouble(Double.NaN),
                        Profile.REWARD_LOW_FN.name(), node.path(Profile.REWARD_LOW_FN.name()).asDouble(Double.NaN))));
            }
        }
        return out;
    }
}
