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

    static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

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
        long t0 = System.nanoTime();
        Run r = run("backtest", "--rules", "../alerts-config/rules", "--events", history.toString(), "--chart", "/tmp/bt/chart.html");
        Files.writeString(Path.of("/tmp/bt/table.txt"), r.exit() + "\n" + r.out() + "\n----\n" + r.err() + "\n" + (System.nanoTime() - t0) / 1e9 + "s lines=" + Files.readAllLines(history).size());
        Run j = run("backtest", "--rules", "../alerts-config/rules", "--events", history.toString(), "--format", "jsonl");
        Files.writeString(Path.of("/tmp/bt/jsonl.txt"), j.out());
        Run k = run("kpis", "--events", history.toString(), "--format", "jsonl");
        Files.writeString(Path.of("/tmp/bt/kpis.txt"), k.out());
    }
}
