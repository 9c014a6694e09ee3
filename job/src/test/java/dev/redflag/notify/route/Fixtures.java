package dev.redflag.notify.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

final class Fixtures {

    static final String DIR = "src/test/resources/notify/route/";

    private Fixtures() {
    }

    static String text(String name) {
        try {
            return Files.readString(Path.of(DIR + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RouteTree routes() {
        return RouteLoader.parse(text("routes.yaml"), "routes.yaml");
    }

    /** {@code labels("a", "1", "b", "2")}. */
    static Map<String, String> labels(String... pairs) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }
}
