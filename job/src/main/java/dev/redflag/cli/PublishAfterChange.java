package dev.redflag.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;

/**
 * For the commands that change the silences file ({@code silence add}, {@code silence expire}):
 * {@code --publish} it afterwards, to where {@link PublishOptions} says, so that one command both
 * edits the file and puts the edit in force.
 */
final class PublishAfterChange {

    @Option(names = "--publish", description = "publish the silences file to the job's rules topic afterwards")
    boolean publish;

    @Mixin
    PublishOptions broker;

    /** Before anything changes, so that a bad combination of options leaves the file as it was. */
    void check() {
        if (publish && !broker.given()) {
            throw new UserError("--publish needs --config FILE or --bootstrap-servers HOST:PORT");
        }
        if (!publish && broker.given()) {
            throw new UserError("--config and --bootstrap-servers only apply with --publish");
        }
    }

    /**
     * After the change is saved: publishes the file when asked to, and says where unless
     * {@code quiet}. A failure says that the change is saved and how to publish it.
     */
    void publish(SilenceFileOptions changed, PrintWriter out, boolean quiet, Map<String, String> env) {
        if (!publish) {
            return;
        }
        PublishOptions.Published to;
        try {
            to = broker.publish(changed.bytes(), changed.file, env);
        } catch (UserError e) {
            throw new UserError(e.getMessage() + "; the change is saved in " + changed.file
                    + ", publish it with: redflag silence push");
        }
        if (!quiet) {
            out.printf("published %s to %s%n", changed.file, to);
        }
    }
}
