package dev.redflag.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code redflag} command line: {@code java -jar redflag.jar <command> ...}. */
@Command(name = "redflag", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Streaming KPI alerting on Apache Flink.",
        subcommands = {RunCommand.class, KpisCommand.class, RulesCommand.class, DemoCommand.class, ValidateCommand.class,
                BacktestCommand.class, TestCommand.class, ScorecardCommand.class, SilenceCommand.class, NabCommand.class,
                FeedCommand.class, KafkaCommand.class, SlackActionsCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Redflag {

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (Redflag.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            // a Flink client or JobManager runs this main in its own JVM (flink run, a REST or application
            // submission): leave the JVM to its host, and report a failure the way it expects one
            if (code != 0) {
                throw new IllegalStateException("redflag " + String.join(" ", args) + " failed with exit code " + code
                        + " (the reason is printed above)");
            }
            return;
        }
        System.exit(code);
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Redflag());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        return cli;
    }
}
