package dev.redflag.nab;

import dev.redflag.alert.AlertEvent;
import dev.redflag.pipeline.ScoringPipeline;
import dev.redflag.rules.Condition;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The NAB corpus through the job's own operators, in one Flink batch job on a local mini cluster
 * wired by {@link ScoringPipeline}: every row a {@code metric} event (decoded by the job's decoder,
 * passed by its gate), every file a KPI computed by its window operator ({@link NabKpis}); the KPI
 * values go to the detectors' scoring operator ({@link ScoreFunction}) and, for the false alerts,
 * to the job's alerting operators with one rule per file and detector at the default sensitivity.
 */
public final class NabRun {

    /** Scores per file (corpus order) and every alert transition of the rules. */
    public record Result(List<FileScores> scores, List<AlertEvent> alerts) {
    }

    private NabRun() {
    }

    public static Result run(NabKpis kpis, List<NabDetector> detectors) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        List<Condition.Anomaly> conditions = detectors.stream().map(NabDetector::detector).toList();
        Map<String, Long> steps = new HashMap<>();
        for (int f = 0; f < kpis.corpus().size(); f++) {
            steps.put(kpis.kpi(f), kpis.step(f));
        }
        RuleBundle rules = new RuleBundle(new TreeMap<>(Map.of("nab.yaml", kpis.rules(detectors))));
        ScoringPipeline.Outputs<ScoreFunction.ValueScores> outputs = ScoringPipeline.build(env, "nab", kpis.events(),
                kpis.catalog(), rules, new ScoreFunction(conditions, steps), ScoreFunction.ValueScores.class);
        CloseableIterator<ScoreFunction.ValueScores> scoreIt = outputs.scores().collectAsync();
        CloseableIterator<AlertEvent> alertIt = outputs.alerts().collectAsync();
        JobClient job = env.executeAsync("redflag nab");
        // each collect sink stops the job when its unread results pile up: drain both at once
        ExecutorService drains = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "redflag-nab-collect");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<ScoreFunction.ValueScores>> scoresF = drains.submit(() -> drain(scoreIt));
            Future<List<AlertEvent>> alertsF = drains.submit(() -> drain(alertIt));
            job.getJobExecutionResult().get();
            return new Result(byFile(kpis, scoresF.get(), detectors.size()), alertsF.get());
        } finally {
            drains.shutdownNow();
        }
    }

    private static List<FileScores> byFile(NabKpis kpis, List<ScoreFunction.ValueScores> all, int detectors) {
        List<List<ScoreFunction.ValueScores>> perFile = new ArrayList<>();
        for (int f = 0; f < kpis.corpus().size(); f++) {
            perFile.add(new ArrayList<>());
        }
        for (ScoreFunction.ValueScores v : all) {
            perFile.get(kpis.file(v.kpi())).add(v);
        }
        List<FileScores> files = new ArrayList<>();
        for (int f = 0; f < perFile.size(); f++) {
            List<ScoreFunction.ValueScores> values = perFile.get(f);
            values.sort((a, b) -> Long.compare(a.windowStart(), b.windowStart()));
            long[] starts = new long[values.size()];
            double[][] scores = new double[detectors][values.size()];
            for (int w = 0; w < values.size(); w++) {
                starts[w] = values.get(w).windowStart();
                for (int d = 0; d < detectors; d++) {
                    scores[d][w] = values.get(w).scores()[d];
                }
            }
            files.add(new FileScores(f, starts, scores));
        }
        return files;
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
