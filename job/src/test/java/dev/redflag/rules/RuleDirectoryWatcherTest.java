package dev.redflag.rules;

import dev.redflag.testing.Await;
import dev.redflag.yaml.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static dev.redflag.rules.RuleFixtures.CATALOG;
import static dev.redflag.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real directory with the platform's WatchService: every case ends by waiting (with a
 * deadline) for the rule set the directory holds by then, which is what a watcher that kept
 * watching hands on.
 */
class RuleDirectoryWatcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String EMPTY = "groups: []\n";

    @TempDir
    Path root;

    Path dir;
    final List<RuleBundle> seen = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void ruleDirectory() throws IOException {
        dir = Files.createDirectory(root.resolve("rules"));
        Files.writeString(dir.resolve("a.yaml"), EMPTY);
    }

    private RuleDirectoryWatcher watcher() throws IOException {
        return watcher(seen::add);
    }

    private RuleDirectoryWatcher watcher(Consumer<RuleBundle> onChange) throws IOException {
        return new RuleDirectoryWatcher(dir, onChange, problems::add).start();
    }

    /**
     * Writes a file whole, as one change: through a hidden temp file renamed into place, so the
     * watcher never reads it half written and a case sees exactly the sets it expects.
     */
    private Path put(Path in, String name, byte[] content) throws IOException {
        Path temp = Files.write(in.resolve("." + name + ".tmp"), content);
        return Files.move(temp, in.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path put(String name, String content) throws IOException {
        return put(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the last rule set handed on is exactly these files. */
    private void awaitHandedOn(Map<String, String> files) throws InterruptedException {
        Await.until(DEADLINE, () -> seen.isEmpty() ? Map.of() : seen.get(seen.size() - 1).files(),
                last -> last.equals(files));
    }

    @Test
    void aChangedFileHandsOnTheWholeDirectory() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher()) {
            put("b.yaml", EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "b.yaml", EMPTY));
            Files.delete(dir.resolve("a.yaml"));
            awaitHandedOn(Map.of("b.yaml", EMPTY));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void savesByRenameOverTheOldFileAreSeenSaveAfterSave() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher()) {
            for (int save = 1; save <= 3; save++) {
                // as editors and tools save atomically: a hidden temp file renamed over the old one
                Path temp = Files.writeString(dir.resolve(".a.yaml.tmp"), "# save " + save + "\n" + EMPTY);
                Files.move(temp, dir.resolve("a.yaml"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                awaitHandedOn(Map.of("a.yaml", "# save " + save + "\n" + EMPTY));
            }
            // as vim saves: the old file renamed to a backup, the new one written, the backup deleted
            Files.move(dir.resolve("a.yaml"), dir.resolve("a.yaml~"));
            Files.writeString(dir.resolve("a.yaml"), "# vim\n" + EMPTY);
            Files.delete(dir.resolve("a.yaml~"));
            awaitHandedOn(Map.of("a.yaml", "# vim\n" + EMPTY));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aFileDeletedAndCreatedAgainIsLeftOutThenTakenBackIn() throws Exception {
        put("b.yaml", EMPTY);
        try (RuleDirectoryWatcher watcher = watcher()) {
            Files.delete(dir.resolve("a.yaml"));
            awaitHandedOn(Map.of("b.yaml", EMPTY));
            put("a.yaml", "# back\n" + EMPTY);
            awaitHandedOn(Map.of("a.yaml", "# back\n" + EMPTY, "b.yaml", EMPTY));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDirectoryDeletedAndCreatedAgainIsWatchedAgain() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher()) {
            Files.delete(dir.resolve("a.yaml"));
            Files.delete(dir);
            Await.until(DEADLINE, () -> problems, p -> p.contains(dir + " is gone or not a directory; the rules "
                    + "last handed on stay, waiting for the directory to come back"));
            Files.createDirectory(dir);
            put("c.yaml", "# new\n" + EMPTY);
            awaitHandedOn(Map.of("c.yaml", "# new\n" + EMPTY));
            // and the new directory is the one watched now
            put("d.yaml", EMPTY);
            awaitHandedOn(Map.of("c.yaml", "# new\n" + EMPTY, "d.yaml", EMPTY));
        }
        // the directory's absence was reported once however many checks saw it
        assertThat(problems).filteredOn(p -> p.equals(dir + " is gone or not a directory; the rules last handed "
                + "on stay, waiting for the directory to come back")).hasSize(1);
    }

    @Test
    void aDirectoryMovedAwayAndReplacedIsFollowedToTheNewOne() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher()) {
            // as a deploy or a checkout swaps directories: the old one keeps its watch, under another name
            Path old = Files.move(dir, root.resolve("rules.old"));
            Path next = Files.createDirectory(root.resolve("rules.next"));
            Files.writeString(next.resolve("b.yaml"), "# swapped in\n" + EMPTY);
            Files.move(next, dir);
            awaitHandedOn(Map.of("b.yaml", "# swapped in\n" + EMPTY));
            Files.writeString(old.resolve("old-only.yaml"), EMPTY);
            put("c.yaml", EMPTY);
            awaitHandedOn(Map.of("b.yaml", "# swapped in\n" + EMPTY, "c.yaml", EMPTY));
        }
        assertThat(seen).allSatisfy(b -> assertThat(b.files()).doesNotContainKey("old-only.yaml"));
    }

    @Test
    void aNewSubdirectoryIsNotReadAndTheWatchGoesOn() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher()) {
            Path sub = Files.createDirectory(dir.resolve("drafts"));
            Files.writeString(sub.resolve("draft.yaml"), "not: [rules\n");
            put("b.yaml", EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "b.yaml", EMPTY));
            Files.writeString(sub.resolve("draft2.yaml"), EMPTY);
            Files.delete(dir.resolve("b.yaml"));
            awaitHandedOn(Map.of("a.yaml", EMPTY));
        }
        assertThat(seen).allSatisfy(b -> assertThat(b.files().keySet()).isSubsetOf("a.yaml", "b.yaml"));
        assertThat(problems).isEmpty();
    }

    @Test
    void anOverflowOfEventsIsReportedAndTheWholeDirectoryReadAgain() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RuleDirectoryWatcher watcher = watcher(bundle -> {
            seen.add(bundle);
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            put("b.yaml", EMPTY);
            assertThat(holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // while the watcher is busy, more events pile up than a watch key holds (512 in the JDK)
            for (int i = 0; i < 600; i++) {
                Files.writeString(dir.resolve(String.format("f%03d.yaml", i)), EMPTY);
            }
            release.countDown();
            Await.until(DEADLINE, () -> seen.get(seen.size() - 1).files().size(), n -> n == 602);
        }
        assertThat(problems).containsExactly("more changes in " + dir + " than the file system could list one "
                + "by one (overflow); reading the whole directory again");
    }

    @Test
    void anUnreadableFileIsReportedOnceAndNothingHandedOnUntilItReads() throws Exception {
        String problem = "cannot read rule file " + dir.resolve("b.yaml") + ": it is not UTF-8 text; the rules "
                + "last handed on stay, reading again";
        try (RuleDirectoryWatcher watcher = watcher()) {
            put("c.yaml", EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "c.yaml", EMPTY));
            put(dir, "b.yaml", new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
            Await.until(DEADLINE, () -> problems, p -> p.contains(problem));
            // read again at each check, and again on a change elsewhere, without a word more
            long reads = watcher.reads();
            Await.until(DEADLINE, watcher::reads, n -> n >= reads + 2);
            put("c.yaml", "# edited\n" + EMPTY);
            Await.until(DEADLINE, watcher::reads, n -> n >= reads + 4);
            assertThat(seen.get(seen.size() - 1).files()).isEqualTo(Map.of("a.yaml", EMPTY, "c.yaml", EMPTY));
            put("b.yaml", "# fixed\n" + EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "b.yaml", "# fixed\n" + EMPTY, "c.yaml", "# edited\n" + EMPTY));
        }
        assertThat(problems).containsExactly(problem);
    }

    @Test
    void aBrokenRuleFileIsRejectedAtItsPositionAndTheLastGoodRulesStay() throws Exception {
        String good = rule("kpi: bounce_rate", "when: {above: 0.5}", "severity: info");
        put("a.yaml", good);
        // what redflag run does with each set handed on: validate, keep the last good one
        AtomicReference<RuleSet> active = new AtomicReference<>(RuleLoader.parse(good, "a.yaml", CATALOG));
        List<String> rejected = new CopyOnWriteArrayList<>();
        try (RuleDirectoryWatcher watcher = watcher(bundle -> {
            seen.add(bundle);
            try {
                active.set(RuleLoader.parseAll(bundle.files(), CATALOG));
            } catch (ConfigException e) {
                rejected.addAll(e.problems());
            }
        })) {
            put("a.yaml", good.replace("bounce_rate", "bounce_rat"));
            Await.until(DEADLINE, () -> rejected, r -> !r.isEmpty());
            assertThat(rejected).containsExactly("a.yaml:5:14: groups[0].rules[0].kpi: unknown KPI 'bounce_rat'; "
                    + "did you mean 'bounce_rate'?");
            assertThat(active.get().rules()).singleElement().satisfies(r -> assertThat(r.kpi()).isEqualTo("bounce_rate"));
            put("a.yaml", good.replace("bounce_rate", "signups"));
            Await.until(DEADLINE, () -> active.get().rules().get(0).kpi(), "signups"::equals);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void whenHandingOnFailsTheNextChangeTriesAgain() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher(bundle -> {
            if (bundle.files().containsKey("b.yaml")) {
                throw new IllegalStateException("cannot publish rules to redflag.rules");
            }
            seen.add(bundle);
        })) {
            put("b.yaml", EMPTY);
            Await.until(DEADLINE, () -> problems, p -> !p.isEmpty());
            Files.delete(dir.resolve("b.yaml"));
            put("c.yaml", EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "c.yaml", EMPTY));
        }
        assertThat(problems).containsExactly("handing on the rules of " + dir + " failed: cannot publish rules to "
                + "redflag.rules; the next change tries again");
    }

    @Test
    void aSetEqualToTheOneHandedOnIsNotHandedOnAgain() throws Exception {
        try (RuleDirectoryWatcher watcher = watcher()) {
            put("b.yaml", EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "b.yaml", EMPTY));
            long reads = watcher.reads();
            put("b.yaml", EMPTY); // saved unchanged
            Await.until(DEADLINE, watcher::reads, n -> n > reads);
            put("c.yaml", EMPTY);
            awaitHandedOn(Map.of("a.yaml", EMPTY, "b.yaml", EMPTY, "c.yaml", EMPTY));
        }
        assertThat(seen).extracting(b -> b.files().keySet().stream().sorted().toList())
                .containsExactly(List.of("a.yaml", "b.yaml"), List.of("a.yaml", "b.yaml", "c.yaml"));
    }

    @Test
    void aPathThatIsNoDirectoryCannotBeWatched() throws IOException {
        Path file = Files.writeString(root.resolve("rules.yaml"), EMPTY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RuleDirectoryWatcher(file, seen::add,
                problems::add)).isInstanceOf(java.nio.file.NotDirectoryException.class).hasMessage(file.toString());
    }
}
