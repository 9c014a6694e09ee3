package dev.redflag.actions;

import dev.redflag.labels.Matcher;
import dev.redflag.notify.route.Silence;
import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.SilenceIds;
import dev.redflag.notify.route.Silences;
import dev.redflag.notify.slack.AlertAction;
import dev.redflag.rules.RulesPublisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * A snooze is a silence, added the way {@code redflag silence add --publish} adds one: appended to
 * the silences file, which is then published whole to the job's rules topic under
 * {@link RulesPublisher#SILENCES_KEY}. It matches exactly the alert's series: its alertname and
 * every label. One snooze at a time, so two clicks never lose each other's silence.
 */
final class Snoozer implements AutoCloseable {

    private final Path file;
    private final RulesPublisher publisher;

    Snoozer(Path file, RulesPublisher publisher) {
        this.file = file;
        this.publisher = publisher;
    }

    /** Adds and publishes the silence; returns it. */
    synchronized Silence snooze(AlertAction alert, Instant until, String by, Instant now)
            throws ExecutionException, InterruptedException {
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(new Matcher("alertname", Matcher.Op.EQUAL, alert.alertname()));
        alert.labels().forEach((name, value) -> {
            if (!name.equals("alertname")) {
                matchers.add(new Matcher(name, Matcher.Op.EQUAL, value));
            }
        });
        String comment = "snoozed from Slack (alert " + alert.fingerprint() + ")";
        Silences existing = SilenceFile.load(file);
        Set<String> taken = existing.silences().stream().map(Silence::id).collect(Collectors.toSet());
        Silence added = new Silence(matchers, now, until, by, comment,
                SilenceIds.of(matchers, now, until, by, comment, now, taken));
        List<Silence> all = new ArrayList<>(existing.silences());
        all.add(added);
        SilenceFile.save(file, new Silences(all));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read silences " + file, e);
        }
        publisher.publish(RulesPublisher.SILENCES_KEY, bytes);
        return added;
    }

    String topic() {
        return publisher.topic();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
