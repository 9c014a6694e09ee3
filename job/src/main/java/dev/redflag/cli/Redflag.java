package dev.redflag.cli;

import picocli.CommandLine;
import java.util.Map;
import picocli.CommandLine.Command;

/** The {@code redflag} command line: {@code java -jar redflag.jar <command> ...}. */
@Command(name = "redflag", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Streaming KPI alerting on Apache Flink.",
        subcommands = {RunCommand.class, KpisCommand.class, RulesCommand.class, DemoCommand.class, ValidateCommand.class,
                BacktestCommand.class, TestCommand.class, ScorecardCommand.class, SilenceCommand.class, NabCommand.class,
                FeedCommand.class, KafkaCommand.class, SlackActionsCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Redflag {

    private final Map<String, String> env;

    private Redflag(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment the commands read settings and secrets from: the process's, or a test's. */
    Map<String, String> env() {
        return env;
    }

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
        return commandLine(System.getenv());
    }

    /**
     * The command line reading {@code env} instead of the process's environment, so a test can give
     * a command credentials without changing the JVM's environment.
     */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Redflag(env));
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        return cli;
    }
}
