package dev.redflag.notify.slack;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact Slack payloads, pinned by hand-reviewed files in {@code src/test/resources/notify/slack}.
 * After an intended change, rerun with {@code -Dslack.golden.update=true} and review the diff.
 */
public final class SlackGolden {

    private static final Path GOLDEN = Path.of("src/test/resources/notify/slack");

    private SlackGolden() {
    }

    /** Compares JSON to the golden file {@code name}, both pretty-printed so a failure shows a readable diff. */
    public static void assertMatches(String name, String json) throws IOException {
        String actual = pretty(json);
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("slack.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (write it with -Dslack.golden.update=true, then review)", file).exists();
        assertThat(actual).isEqualTo(pretty(Files.readString(file, StandardCharsets.UTF_8)));
    }

    private static String pretty(String json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(json));
    }
}
