package dev.redflag.rules;

import dev.redflag.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RuleDirectoryWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aChangedFileHandsOnTheWholeDirectory() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "groups: []\n");
        List<RuleBundle> seen = new CopyOnWriteArrayList<>();
        try (RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(dir, seen::add).start()) {
            Files.writeString(dir.resolve("b.yaml"), "groups: []\n");
            Await.until(Duration.ofSeconds(30), () -> seen, s -> !s.isEmpty()
                    && s.get(s.size() - 1).files().keySet().equals(java.util.Set.of("a.yaml", "b.yaml")));
            Files.delete(dir.resolve("a.yaml"));
            Await.until(Duration.ofSeconds(30), () -> seen,
                    s -> s.get(s.size() - 1).files().keySet().equals(java.util.Set.of("b.yaml")));
        }
        assertThat(seen.get(seen.size() - 1).files()).containsOnlyKeys("b.yaml");
    }
}
