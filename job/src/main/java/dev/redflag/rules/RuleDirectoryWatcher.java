package dev.redflag.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a rule directory for local runs and hands each changed rule set on (to be validated and
 * published to the rules topic), so an edit in the editor reaches the running job in a second.
 * Bursts of file events (an editor saving through a temp file) are settled into one reload.
 */
public final class RuleDirectoryWatcher implements AutoCloseable {

    private static final long SETTLE_MILLIS = 300;

    private final Path dir;
    private final Consumer<RuleBundle> onChange;
    private final WatchService watch;
    private final Thread thread;

    public RuleDirectoryWatcher(Path dir, Consumer<RuleBundle> onChange) throws IOException {
        this.dir = dir;
        this.onChange = onChange;
        this.watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "redflag-rule-watcher");
        thread.setDaemon(true);
    }

    public RuleDirectoryWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                // let the burst settle, then read the directory once
                WatchKey more;
                do {
                    key.pollEvents();
                    key.reset();
                    more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                    if (more != null) {
                        key = more;
                    }
                } while (more != null);
                onChange.accept(RuleBundle.read(dir));
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
