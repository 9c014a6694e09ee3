package dev.redflag.cli;

import dev.redflag.notify.route.SilenceFile;
import dev.redflag.notify.route.Silences;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code redflag silence push}: publishes the silences file as it is, after the loader's checks,
 * e.g. after editing it by hand or merging a pull request. Nothing is published when the file has
 * a problem.
 */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Check the silences file and publish it to the job's rules topic.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:published", "2:usage error, a missing file or one with problems, or no broker"})
final class SilencePush implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SilenceFileOptions file;

    @Mixin
    PublishOptions broker;

    @Override
    public Integer call() {
        Instant now = file.clock().instant();
        if (!Files.isRegularFile(file.file)) {
            throw new UserError("silences file not found: " + file.file);
        }
        byte[] text = file.bytes();
        Silences silences = SilenceFile.read(new String(text, StandardCharsets.UTF_8), file.file.toString());
        PublishOptions.Published to = broker.publish(text, file.file, JobConfigs.env(spec));
        int active = (int) silences.silences().stream().filter(s -> s.isActive(now)).count();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("published %s (%s, %d active) to %s%n", file.file,
                ValidateCommand.count(silences.silences().size(), "silence"), active, to);
        out.flush();
        return 0;
    }
}
