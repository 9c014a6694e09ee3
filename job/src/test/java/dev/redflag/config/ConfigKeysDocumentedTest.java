package dev.redflag.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md's table lists exactly the keys the loader knows, each with its environment variable. */
class ConfigKeysDocumentedTest {

    private static final Path PAGE = Path.of("../docs/configuration.md");
    /** A table row: | `key` | default | `ENVIRONMENT` ... | */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.-]+)` \\|(.*)\\|(.*)\\|$");

    @Test
    void theConfigurationPageListsEveryKeyAndNoOther() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(PAGE)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), row.group(3));
            }
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(
                ConfigKeys.ALL.stream().map(ConfigKey::path).toList());
        assertThat(ConfigKeys.ALL).allSatisfy(key ->
                assertThat(documented.get(key.path())).as(key.path()).contains("`" + key.envPrefix()));
    }
}
