package dev.redflag.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A NAB scoring profile: what a window detected on its first row earns ({@code tpWeight}), what a
 * false positive far from any window costs ({@code fpWeight}) and what a missed window costs
 * ({@code fnWeight}). NAB's {@code tnWeight} is read nowhere in its scorer, so it is not kept.
 */
public record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public static final Profile STANDARD = new Profile("standard", 1.0, 0.11, 1.0);
    public static final Profile REWARD_LOW_FP = new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final Profile REWARD_LOW_FN = new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /** The three published profiles in NAB's order: standard, reward_low_FP_rate, reward_low_FN_rate. */
    public static List<Profile> published() {
        return List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);
    }

    /** The profiles of NAB's {@code config/profiles.json}, in file order. */
    public static List<Profile> read(Path profilesJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(profilesJson.toFile());
        List<Profile> profiles = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue().path("CostMatrix");
            profiles.add(new Profile(e.getKey(), weight(m, "tpWeight", profilesJson),
                    weight(m, "fpWeight", profilesJson), weight(m, "fnWeight", profilesJson)));
        }
        return profiles;
    }

    private static double weight(JsonNode matrix, String key, Path file) throws IOException {
        JsonNode w = matrix.get(key);
        if (w == null || !w.isNumber()) {
            throw new IOException(file + ": a profile's CostMatrix lacks the number " + key);
        }
        return w.asDouble();
    }
}
