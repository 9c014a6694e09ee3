package dev.redflag.cli;

import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

class BacktestCommandIT {

    static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(java.time.Duration.ofDays(2));

    @TempDir
    static Path shared;

    static Path history;

    @BeforeAll
    static void generate() throws Exception {
        history = shared.resolve("history.jsonl");
        TrafficGenerator gen = new TrafficGenerator(TrafficModel.defaults(), Incidents.scripted(), 7, START);
        List<String> lines = gen.minutes(14 * 60).collect(Collectors.toList());
        Files.write(history, lines);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Redflag.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void explore() throws Exception {
        Path rules = shared.resolve("new-rules");
        Files.createDirectories(rules);
        for (Path f : Files.list(Path.of("../alerts-config/rules")).toList()) {
            Files.copy(f, rules.resolve(f.getFileName()));
        }
        Path web = rules.resolve("web.yaml");
        Files.writeString(web, Files.readString(web).replaceFirst("for: 1h", "for: 2h"));
        Path customers = rules.resolve("customers.yaml");
        Files.writeString(customers, Files.readString(customers).replace("{above: 0.003}", "{above: 0.02}")
                .replace("absolute: 15", "absolute: 10"));
        Run r = run("backtest", "--compare", "../alerts-config/rules", rules.toString(), "--events", history.toString());
        Files.writeString(Path.of("/tmp/bt/compare.txt"), r.exit() + "\n" + r.out() + "\n----\n" + r.err());
    }
}
