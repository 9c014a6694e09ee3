package dev.redflag.cli;

import dev.redflag.yaml.Durations;
import dev.redflag.labels.MatcherSyntax;
import dev.redflag.notify.route.Silence;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/**
 * {@code redflag silence add|list|expire|push}: amtool's silence commands for the silences file
 * ({@code alerts-config/silences.yaml}), which is reviewed and versioned like the rules. Each
 * command reads the file with the loader's checks (a file with problems is refused with every
 * problem, exit 2), and {@code add} and {@code expire} rewrite it. Publishing sends the file's text
 * to the job's rules topic under its own key, as {@code rules push} does for rules.
 */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Add, list and expire silences in the silences file, and publish it to the running job.",
        subcommands = {SilenceAdd.class, SilenceList.class, SilenceExpire.class, SilencePush.class})
public final class SilenceCommand {

    /** An ISO-8601 time with an offset, named by the option it came from when it is not one. */
    static Instant time(String option, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(option + ": '" + text + "' is not a time; write e.g. 2026-11-27T08:00:00Z");
        }
    }

    /** {@code alertname="A", tenant=~"acme|globex"}. */
    static String matchers(Silence s) {
        return s.matchers().stream().map(MatcherSyntax::format).collect(Collectors.joining(", "));
    }

    /** A span to the minute ({@code 1h59m}), or to the second below a minute. */
    static String span(Duration d) {
        Duration shown = d.compareTo(Duration.ofMinutes(1)) >= 0 ? d.truncatedTo(ChronoUnit.MINUTES)
                : d.truncatedTo(ChronoUnit.SECONDS);
        return Durations.format(shown);
    }

    /** {@code ends in 1h59m}, {@code starts in 2h}, {@code ended 3h ago}. */
    static String when(Silence s, Instant now) {
        if (s.isExpired(now)) {
            return "ended " + span(Duration.between(s.endsAt(), now)) + " ago";
        }
        if (s.isActive(now)) {
            return "ends in " + span(Duration.between(now, s.endsAt()));
        }
        return "starts in " + span(Duration.between(now, s.startsAt()));
    }

    static String state(Silence s, Instant now) {
        return s.isExpired(now) ? "ended" : s.isActive(now) ? "active" : "pending";
    }
}
