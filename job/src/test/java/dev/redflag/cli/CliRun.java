package dev.redflag.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One {@code redflag} command run in process, with what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        return run(System.getenv(), args);
    }

    /** With {@code env} as the commands' environment instead of the process's. */
    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Redflag.commandLine(env);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
