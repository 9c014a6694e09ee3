package dev.redflag.cli;

import dev.redflag.yaml.Durations;
import dev.redflag.labels.MatcherSyntax;
import dev.redflag.notify.route.Silence;
import dev.redflag.notify.route.SilenceIds;
import dev.redflag.notify.route.Silences;
import dev.redflag.labels.Matcher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code redflag silence add}: appends a silence to the file, as {@code amtool silence add} adds
 * one to Alertmanager. The id is derived from the silence and the time it was added, so it is
 * short, stable in tests, and different for the same silence added twice.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a silence to the silences file (and publish the file with --publish).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:added", "2:a bad matcher, time or option, or a silences file with problems"})
final class SilenceAdd implements Callable<Integer> {

    static final Duration DEFAULT_DURATION = Duration.ofHours(1);

    /** How long the silence lasts: for a while, or until a time. */
    static final class Length {
        @Option(names = "--duration", paramLabel = "DURATION",
                description = "how long from its start, e.g. 2h or 1d12h (default: 1h)")
        String duration;

        @Option(names = "--ends", paramLabel = "TIME", description = "when it ends, e.g. 2026-11-27T08:00:00Z")
        String ends;
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--matcher"}, required = true, paramLabel = "MATCHER",
            description = "which alerts, in Alertmanager syntax: alertname=\"BounceRateRising\", "
                    + "tenant=~\"acme|globex\", page!=\"/\", team!~\"crm|risk\"; repeat for more (all must hold)")
    List<String> matchers;

    @ArgGroup(exclusive = true)
    Length length;

    @Option(names = "--starts", paramLabel = "TIME", description = "when it starts (default: now)")
    String starts;

    @Option(names = "--author", paramLabel = "NAME", defaultValue = "${env:USER}",
            description = "who adds it (default: $USER)")
    String author;

    @Option(names = "--comment", required = true, paramLabel = "TEXT",
            description = "why, so that the next person on call can tell whether it may be lifted")
    String comment;

    @Option(names = {"-q", "--quiet"}, description = "print the id only")
    boolean quiet;

    @Mixin
    SilenceFileOptions file;

    @Mixin
    PublishAfterChange publishing;

    @Override
    public Integer call() {
        publishing.check();
        Instant now = file.clock().instant();
        List<Matcher> parsed = matchers();
        if (author == null || author.isBlank()) {
            throw new UserError("give --author NAME (USER is not set)");
        }
        String by = author.strip();
        String why = comment.strip();
        if (why.isEmpty()) {
            throw new UserError("--comment: say why, so that the next person on call can tell whether it may be "
                    + "lifted");
        }
        Instant from = starts == null ? now : SilenceCommand.time("--starts", starts);
        Instant until = until(from);
        if (!until.isAfter(from)) {
            throw new UserError("the silence would end at " + until + ", not after its start " + from);
        }
        if (!until.isAfter(now)) {
            throw new UserError("the silence would end at " + until + ", which has passed");
        }
        Silences existing = file.load();
        Set<String> taken = existing.silences().stream().map(Silence::id).collect(Collectors.toSet());
        Silence added = new Silence(parsed, from, until, by, why, id(parsed, from, until, by, why, now, taken));
        List<Silence> all = new ArrayList<>(existing.silences());
        all.add(added);
        file.save(new Silences(all));
        PrintWriter out = spec.commandLine().getOut();
        if (quiet) {
            out.println(added.id());
        } else {
            out.printf("added silence %s to %s%n", added.id(), file.file);
            out.printf("  matches  %s%n", SilenceCommand.matchers(added));
            out.printf("  %-7s  %s to %s (%s)%n", SilenceCommand.state(added, now), added.startsAt(),
                    added.endsAt(), SilenceCommand.span(Duration.between(added.startsAt(), added.endsAt())));
        }
        publishing.publish(file, out, quiet, JobConfigs.env(spec));
        out.flush();
        return 0;
    }

    private List<Matcher> matchers() {
        List<Matcher> out = new ArrayList<>();
        for (String text : matchers) {
            try {
                out.add(MatcherSyntax.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UserError("--matcher " + e.getMessage());
            }
        }
        if (Silence.silencesEverything(out)) {
            throw new UserError("--matcher: these would silence every alert; give at least one matcher that needs "
                    + "a label value, e.g. alertname=\"BounceRateRising\"");
        }
        return out;
    }

    private Instant until(Instant from) {
        if (length != null && length.ends != null) {
            return SilenceCommand.time("--ends", length.ends);
        }
        Duration d = DEFAULT_DURATION;
        if (length != null && length.duration != null) {
            try {
                d = Durations.parse(length.duration);
            } catch (IllegalArgumentException e) {
                throw new UserError("--duration: " + e.getMessage());
            }
        }
        return from.plus(d);
    }

    /** The first 8 hex digits of a SHA-256 over the silence and when it was added; more if those are taken. */
    static String id(List<Matcher> matchers, Instant starts, Instant ends, String author, String comment,
                     Instant added, Set<String> taken) {
        return SilenceIds.of(matchers, starts, ends, author, comment, added, taken);
    }
}
