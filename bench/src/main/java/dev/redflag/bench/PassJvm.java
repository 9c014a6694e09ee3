package dev.redflag.bench;

import dev.redflag.cli.LibraryLogs;
import dev.redflag.config.JobConfig;
import dev.redflag.kpi.KpiCatalog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One measured pass of a compared run in a JVM of its own ({@code --jvm-per-pass true}): the child
 * runs {@code --warmup-rounds} passes of the same kind, then the measured one, against the broker of
 * the benchmark's JVM. How the JIT compiles a job's code in one JVM moved a run's cost per event by a
 * fifth from one run of the benchmark to the next; with every pass in a fresh JVM that compiled only
 * its own kind, the median over the rounds is a median over as many JVMs, and no kind's profile is
 * shaped by the kinds that ran before it.
 *
 * <p>The child prints tab-separated lines the benchmark reads: {@code WARM-UP} and {@code PASS}, each
 * with the KPI series the pass emitted (-1 for the ceiling and the SQL baseline) and its
 * {@link Result#toLine() result}. Library logs go to the benchmark's log file, as in its own JVM.
 */
final class PassJvm {

    private final List<String> benchOptions;
    private final String bootstrap;
    private final Path work;
    private final Path logFile;

    /**
     * @param benchOptions the benchmark's own options the child needs to build the same jobs
     *                     ({@code --events}, {@code --parallelism}, {@code --rules} and so on)
     */
    PassJvm(List<String> benchOptions, String bootstrap, Path work, Path logFile) {
        this.benchOptions = List.copyOf(benchOptions);
        this.bootstrap = bootstrap;
        this.work = work;
        this.logFile = logFile;
    }

    /** Runs one child for {@code kind}, handing each warm-up pass to {@code warmUp} as it ends. */
    RedflagRun.Pass run(String kind, Consumer<RedflagRun.Pass> warmUp) throws Exception {
        List<String> args = new ArrayList<>(List.of("--kind", kind, "--bootstrap", bootstrap, "--work",
                work.toString(), "--log-file", logFile.toString()));
        args.addAll(benchOptions);
        RedflagRun.Pass[] measured = {null};
        int exit = ChildJvm.run(List.of(), PassJvm.class, args, logFile, (tag, rest) -> {
            if (tag.equals("WARM-UP")) {
                warmUp.accept(parse(rest));
            } else if (tag.equals("PASS")) {
                measured[0] = parse(rest);
            }
        });
        if (measured[0] == null || exit != 0) {
            throw new IllegalStateException("the " + kind + " pass's JVM exited with " + exit
                    + " and no result; its log is in " + logFile);
        }
        return measured[0];
    }

    /** {@code series \t result line}, as {@link #line} writes it. */
    static RedflagRun.Pass parse(String line) {
        String[] f = line.split("\t", 2);
        return new RedflagRun.Pass(Result.fromLine(f[1]), Long.parseLong(f[0]));
    }

    static String line(RedflagRun.Pass pass) {
        return pass.series() + "\t" + pass.result().toLine();
    }

    /** The child: {@code --kind K --bootstrap B --work DIR} and the benchmark's options. */
    public static void main(String[] args) throws Exception {
        String kind = null;
        String bootstrap = null;
        Path work = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kind" -> kind = args[i + 1];
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--work" -> work = Path.of(args[i + 1]);
                default -> rest.addAll(Arrays.asList(args[i], args[i + 1]));
            }
        }
        Bench bench = new Bench();
        bench.parse(rest.toArray(String[]::new));
        try (LibraryLogs library = LibraryLogs.open(bench.logFile)) {
            PrintStream out = library.console();
            JobConfig base = bench.config(bootstrap, work, "hashmap", bench.parallelism);
            KpiCatalog catalog = Bench.catalog(bench.rules, base.kpis().windows());
            for (int i = 0; i < bench.warmupRounds; i++) {
                out.println("WARM-UP\t" + line(bench.measureOnce(kind, bootstrap, work, base, catalog)));
                out.flush();
            }
            out.println("PASS\t" + line(bench.measureOnce(kind, bootstrap, work, base, catalog)));
            out.flush();
        }
        System.exit(0);
    }
}
