package dev.redflag.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a rule directory for local runs ({@code redflag run --rules DIR --watch}) and hands each
 * changed rule set on (to be validated and published to the rules topic), so an edit in the editor
 * reaches the running job in a second. Bursts of file events (an editor saving through a temp
 * file) are settled into one read of the whole directory, and a set equal to the one last handed
 * on is not handed on again.
 *
 * <p>It keeps watching through what editors and tools do to a directory. Events name nothing the
 * watcher relies on: any event, an overflow (events lost) included, means "read the directory
 * again", so saves by rename, deletes and re-creates all come to the same. The directory itself is
 * checked every {@link #CHECK_MILLIS} ms: when it is deleted, or moved away and another put in its
 * place, the watcher waits for a directory at the path and watches that one. A file that cannot be
 * read (not UTF-8, gone mid-read) is a problem reported once, not the end of the watch: nothing is
 * handed on, so the job keeps the rules last handed on, and the directory is read again at each
 * check until it reads. Subdirectories are neither read ({@link RuleLoader#ruleFiles}) nor watched.
 */
public final class RuleDirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleDirectoryWatcher.class);
    private static final long SETTLE_MILLIS = 300;
    static final long CHECK_MILLIS = 500;

    private final Path dir;
    private final Consumer<RuleBundle> onChange;
    private final Consumer<String> onProblem;
    private final WatchService watch;
    private final Thread thread;

    // owned by the watcher's thread once started
    private WatchKey key;
    private Object dirId;
    private boolean stale;
    private RuleBundle handedOn;
    private String lastingProblem;
    private volatile long reads;

    /**
     * @param onChange  takes each new rule set; what it throws is reported and the next change tries again
     * @param onProblem takes each problem as a sentence naming the path (also logged here), e.g. for
     *                  a console; never file contents
     * @throws IOException when {@code dir} cannot be watched at the start
     */
    public RuleDirectoryWatcher(Path dir, Consumer<RuleBundle> onChange, Consumer<String> onProblem)
            throws IOException {
        this.dir = dir;
        this.onChange = onChange;
        this.onProblem = onProblem;
        this.watch = FileSystems.getDefault().newWatchService();
        try {
            this.dirId = directoryId();
            if (dirId == null) {
                throw new NotDirectoryException(dir.toString());
            }
            this.key = register();
        } catch (IOException e) {
            watch.close();
            throw e;
        }
        this.thread = new Thread(this::run, "redflag-rule-watcher");
        thread.setDaemon(true);
    }

    public RuleDirectoryWatcher start() {
        thread.start();
        return this;
    }

    /** How many times the directory has been read, readable or not; lets tests wait for a retry. */
    long reads() {
        return reads;
    }

    private void run() {
        try {
            while (true) {
                WatchKey signalled = watch.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                try {
                    if (signalled != null) {
                        settle(signalled);
                    }
                    followDirectory();
                    if (stale && key != null) {
                        read();
                    }
                } catch (ClosedWatchServiceException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // whatever it was, the watch goes on: a watcher that stops unseen is worse
                    reportLasting("watching " + dir + " failed: " + e + "; watching on");
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Takes events until none has come for {@link #SETTLE_MILLIS}; the directory is then stale. */
    private void settle(WatchKey first) throws InterruptedException {
        boolean overflow = false;
        WatchKey signalled = first;
        while (signalled != null) {
            for (WatchEvent<?> event : signalled.pollEvents()) {
                overflow |= event.kind() == StandardWatchEventKinds.OVERFLOW;
            }
            boolean valid = signalled.reset();
            if (signalled == key && !valid) {
                key = null; // the directory was deleted; followDirectory waits for another
            }
            signalled = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
        stale = true;
        if (overflow) {
            report("more changes in " + dir + " than the file system could list one by one (overflow); "
                    + "reading the whole directory again");
        }
    }

    /**
     * Watches the directory now at the path: after a delete the key is gone, after a move the key
     * still watches the moved directory, so the path's file identity decides.
     */
    private void followDirectory() {
        Object id = directoryId();
        if (key != null && key.isValid() && id != null && Objects.equals(id, dirId)) {
            return;
        }
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (id == null) {
            reportLasting(dir + " is gone or not a directory; the rules last handed on stay, "
                    + "waiting for the directory to come back");
            return;
        }
        try {
            key = register();
            dirId = id;
            stale = true;
            LOG.info("watching {} again", dir);
        } catch (IOException e) {
            reportLasting("cannot watch " + dir + ": " + e + "; trying again");
        }
    }

    /** The directory's file identity (device and inode), null when no directory is at the path. */
    private Object directoryId() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
            // a file system without file keys: any directory at the path is taken as the same one
            return !attributes.isDirectory() ? null : attributes.fileKey() != null ? attributes.fileKey() : dir;
        } catch (IOException e) {
            return null;
        }
    }

    private WatchKey register() throws IOException {
        return dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void read() {
        reads++;
        RuleBundle bundle;
        try {
            bundle = RuleBundle.read(dir);
        } catch (IOException | UncheckedIOException e) {
            // stays stale: read again at the next check
            reportLasting(e.getMessage() + "; the rules last handed on stay, reading again");
            return;
        }
        stale = false;
        if (lastingProblem != null) {
            LOG.info("{} reads again", dir);
            lastingProblem = null;
        }
        if (bundle.equals(handedOn)) {
            return;
        }
        try {
            onChange.accept(bundle);
            handedOn = bundle;
        } catch (RuntimeException e) {
            report("handing on the rules of " + dir + " failed: " + e.getMessage()
                    + "; the next change tries again");
        }
    }

    /** A problem that holds until something changes: reported when it starts, not at every retry. */
    private void reportLasting(String problem) {
        if (!problem.equals(lastingProblem)) {
            lastingProblem = problem;
            report(problem);
        }
    }

    private void report(String problem) {
        LOG.warn("rule directory watch: {}", problem);
        try {
            onProblem.accept(problem);
        } catch (RuntimeException e) {
            LOG.warn("rule directory watch: reporting a problem failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
