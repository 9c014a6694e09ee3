package dev.redflag.cli;

import dev.redflag.backtest.TextTable;
import dev.redflag.notify.route.Silence;
import dev.redflag.notify.route.Silences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code redflag silence list}: the active and pending silences with their time left, or all of them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the active and pending silences of the silences file, with their time left.")
final class SilenceList implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "also the silences that have ended")
    boolean all;

    @Mixin
    SilenceFileOptions file;

    @Override
    public Integer call() {
        Instant now = file.clock().instant();
        Silences silences = file.load();
        List<Silence> shown = silences.silences().stream().filter(s -> all || !s.isExpired(now)).toList();
        long ended = silences.silences().stream().filter(s -> s.isExpired(now)).count();
        PrintWriter out = spec.commandLine().getOut();
        if (shown.isEmpty()) {
            out.printf("no %ssilences in %s%s%n", all ? "" : "active or pending ", file.file, hidden(ended));
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("ID", "STATE", "STARTS", "ENDS", "WHEN", "MATCHERS", "BY", "COMMENT");
        for (Silence s : shown) {
            table.row(s.id(), SilenceCommand.state(s, now), s.startsAt().toString(), s.endsAt().toString(),
                    SilenceCommand.when(s, now), SilenceCommand.matchers(s), oneLine(s.createdBy()),
                    oneLine(s.comment()));
        }
        StringBuilder text = new StringBuilder();
        table.appendTo(text);
        out.print(text);
        out.printf("%d of %d silences%s%n", shown.size(), silences.silences().size(), hidden(all ? 0 : ended));
        out.flush();
        return 0;
    }

    private static String hidden(long ended) {
        return ended == 0 ? "" : "; " + ended + " ended, --all shows " + (ended == 1 ? "it" : "them");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
