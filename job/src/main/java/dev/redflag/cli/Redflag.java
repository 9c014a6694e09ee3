package dev.redflag.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code redflag} command line: {@code java -jar redflag.jar <command> ...}. */
@Command(name = "redflag", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Streaming KPI alerting on Apache Flink.",
        subcommands = {RunCommand.class, KpisCommand.class, RulesCommand.class, DemoCommand.class, ValidateCommand.class,
                BacktestCommand.class, TestCommand.class, SilenceCommand.class, NabCommand.class, CommandLine.HelpCommand.class})
public final class Redflag {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Redflag());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        return cli;
    }
}
