package dev.redflag.cli;

import dev.redflag.nab.DirectScoring;
import dev.redflag.nab.FileScores;
import dev.redflag.nab.NabCorpus;
import dev.redflag.nab.NabDetector;
import dev.redflag.nab.NabDetectors;
import dev.redflag.nab.NabKpis;
import dev.redflag.nab.NabReport;
import dev.redflag.nab.NabResults;
import dev.redflag.nab.NabRun;
import dev.redflag.nab.NabSeries;
import dev.redflag.nab.NabTable;
import dev.redflag.nab.Profile;
import dev.redflag.nab.PublishedScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code redflag nab}: the rule engine's anomaly detectors scored on the Numenta Anomaly Benchmark,
 * through the job's own operators, beside NAB's published scores.
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = "Score the anomaly detectors on the Numenta Anomaly Benchmark (NAB) corpus, through the "
                + "job's operators, beside NAB's published scores.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage error, or the dataset cannot be read"})
public final class NabCommand implements Callable<Integer> {

    enum Format { table, csv }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "a NAB checkout (or copy) with data/, labels/combined_windows.json and config/profiles.json")
    Path data;

    @Option(names = "--detector", paramLabel = "NAME",
            description = "only these detectors (repeatable): range, seasonal_range, ewma, seasonal_ewma, robust_z, "
                    + "seasonal_robust_z; default all")
    List<String> detectorNames;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "only these profiles (repeatable): standard, reward_low_FP_rate, reward_low_FN_rate; "
                    + "default all")
    List<String> profileNames;

    @Option(names = "--files", paramLabel = "GLOB",
            description = "only the files whose name (category/file.csv) matches, e.g. 'realAdExchange/*'; "
                    + "scores of a subset are not comparable with the published ones, which are then not shown")
    String files;

    @Option(names = "--direct", description = "replay the KPI values through the detectors without Flink (faster; "
            + "no alert lifecycle, so no false-alert columns)")
    boolean direct;

    @Option(names = "--results", paramLabel = "DIR",
            description = "also write NAB's results layout for NAB's own scorer: "
                    + "DIR/<detector>/<category>/<detector>_<file>.csv with timestamp,value,anomaly_score,label, "
                    + "the detector named redflag and its name in camel case (redflagRange)")
    Path results;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
            description = "table or csv (one line per detector and profile); default: ${DEFAULT-VALUE}")
    Format format;

    @Override
    public Integer call() throws Exception {
        // a misspelt option is reported before anything is read, with or without a dataset
        List<NabDetector> detectors = detectors();
        if (!Files.isRegularFile(data.resolve("labels/combined_windows.json"))) {
            throw new UserError("--data " + data + ": no labels/combined_windows.json; point it at a NAB checkout");
        }
        List<Profile> profiles = profiles();
        PathMatcher matcher = files == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + files);
        List<NabSeries> corpus = NabCorpus.read(data, name -> matcher == null || matcher.matches(Path.of(name)));
        if (corpus.isEmpty()) {
            throw new UserError("--files " + files + " matches no labelled file of " + data);
        }
        NabKpis kpis = new NabKpis(corpus);
        long start = System.nanoTime();
        List<NabReport.DetectorResult> scored;
        List<FileScores> scores;
        if (direct) {
            scores = new ArrayList<>();
            for (int f = 0; f < corpus.size(); f++) {
                scores.add(DirectScoring.score(kpis, f, detectors));
            }
            scored = NabReport.of(kpis, detectors, scores, null, profiles);
        } else {
            NabRun.Result run = NabRun.run(kpis, detectors);
            scores = run.scores();
            scored = NabReport.of(kpis, detectors, scores, run.alerts(), profiles);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int written = results == null ? 0 : NabResults.write(results, data, kpis, detectors, scores).size();
        List<PublishedScores.Published> published = files == null ? PublishedScores.read(data) : List.of();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.csv) {
            out.print(NabTable.csv(scored, published, profiles));
        } else {
            int rows = corpus.stream().mapToInt(NabSeries::rows).sum();
            int windows = corpus.stream().mapToInt(s -> s.windows().size()).sum();
            out.printf(Locale.ROOT, "NAB: %d files, %d rows, %d windows; %s in %ds%n%n", corpus.size(), rows,
                    windows, direct ? "detectors replayed without Flink" : "through the job's operators (Flink batch)",
                    took.toSeconds());
            out.print(NabTable.table(scored, published, profiles));
            out.println();
            for (NabDetector d : detectors) {
                out.printf("%s: %s, onset %d%n", d.name(), d.when(), d.onset());
            }
            out.println("Scores are NAB's normalised scores (null detector 0, perfect 100) at the threshold NAB's "
                    + "optimiser picks over these files; alerts are those of a rule with the default sensitivity.");
            if (results != null) {
                out.printf("NAB results for NAB's own scorer: %d files under %s%n", written, results);
            }
        }
        out.flush();
        return 0;
    }

    private List<NabDetector> detectors() {
        List<NabDetector> all = NabDetectors.all();
        if (detectorNames == null) {
            return all;
        }
        List<NabDetector> chosen = new ArrayList<>();
        for (String name : detectorNames) {
            NabDetector d = all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                    new UserError("--detector " + name + ": unknown; use one of "
                            + String.join(", ", all.stream().map(NabDetector::name).toList())));
            chosen.add(d);
        }
        return chosen;
    }

    /** The dataset's profiles (config/profiles.json), NAB's three when the file is not there. */
    private List<Profile> profiles() throws java.io.IOException {
        Path json = data.resolve("config/profiles.json");
        List<Profile> all = Files.isRegularFile(json) ? Profile.read(json) : Profile.published();
        if (profileNames == null) {
            return all;
        }
        List<Profile> chosen = new ArrayList<>();
        for (String name : profileNames) {
            chosen.add(all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                    new UserError("--profile " + name + ": unknown; use one of "
                            + String.join(", ", all.stream().map(Profile::name).toList()))));
        }
        return chosen;
    }
}
