package dev.redflag.cli;

import dev.redflag.notify.route.Silence;
import dev.redflag.notify.route.Silences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code redflag silence expire ID}: ends a silence now. It stays in the file, ended, so the file
 * keeps who silenced what and why; a silence that has not started yet never took effect and is
 * removed instead (a silence cannot end before it starts).
 */
@Command(name = "expire", mixinStandardHelpOptions = true,
        description = "End a silence now (and publish the silences file with --publish).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:expired",
            "2:unknown id, a silence that has already ended, or a silences file with problems"})
final class SilenceExpire implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "the silence's id, as silence list shows it")
    String id;

    @Mixin
    SilenceFileOptions file;

    @Mixin
    PublishAfterChange publishing;

    @Override
    public Integer call() {
        publishing.check();
        Instant now = file.clock().instant();
        Silences silences = file.load();
        Silence found = silences.silences().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new UserError(unknown(silences)));
        if (found.isExpired(now)) {
            throw new UserError("silence " + id + " already ended at " + found.endsAt());
        }
        boolean started = now.isAfter(found.startsAt());
        List<Silence> kept = new ArrayList<>();
        for (Silence s : silences.silences()) {
            if (s != found) {
                kept.add(s);
            } else if (started) {
                kept.add(new Silence(s.matchers(), s.startsAt(), now, s.createdBy(), s.comment(), s.id()));
            }
        }
        file.save(new Silences(kept));
        PrintWriter out = spec.commandLine().getOut();
        if (started) {
            out.printf("expired silence %s (%s) at %s in %s%n", id, SilenceCommand.matchers(found), now, file.file);
        } else {
            out.printf("removed silence %s (%s) from %s: it had not started yet%n", id, SilenceCommand.matchers(found),
                    file.file);
        }
        publishing.publish(file, out, false, JobConfigs.env(spec));
        out.flush();
        return 0;
    }

    private String unknown(Silences silences) {
        String message = "no silence '" + id + "' in " + file.file;
        if (silences.silences().isEmpty()) {
            return message + "; it has none";
        }
        return message + "; silence list --all shows the ids";
    }
}
