package dev.redflag.cli;

import dev.redflag.config.JobConfig;
import dev.redflag.event.DeadLetter;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.KpiValueJson;
import dev.redflag.pipeline.OfflineKpis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code redflag kpis}: the KPI catalog over a JSON-lines file, with the live job's operators. */
@Command(name = "kpis", mixinStandardHelpOptions = true,
        description = "Compute every KPI over a JSON-lines file of events (one Kafka record per line).")
public final class KpisCommand implements Callable<Integer> {

    enum Format { table, jsonl }

    @Spec
    CommandSpec spec;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "JSON-lines file of events")
    Path events;

    @Option(names = "--config", paramLabel = "FILE", description = "job config (windows, lateness, KPI definitions)")
    Path config;

    @Option(names = "--format", defaultValue = "table", description = "table or jsonl (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--slices", description = "in the table, a row per slice under each value of a sliced KPI")
    boolean slices;

    @Override
    public Integer call() throws Exception {
        JobConfig jobConfig = JobConfigs.loadOrDefaults(config);
        KpiCatalog catalog = JobConfigs.catalog(jobConfig);
        List<byte[]> lines = readLines(events);
        OfflineKpis.Result result = OfflineKpis.run(events.getFileName().toString(), lines, jobConfig, catalog);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.jsonl) {
            KpiValueJson json = new KpiValueJson();
            result.values().forEach(v -> out.println(json.write(v)));
        } else {
            new KpiTable(result.values(), slices ? catalog : null).print(out);
        }
        out.flush();
        reportRejected(result.rejected(), lines.size());
        return 0;
    }

    private void reportRejected(List<DeadLetter> rejected, int total) {
        PrintWriter err = spec.commandLine().getErr();
        for (DeadLetter d : rejected) {
            err.printf("%s:%d: %s: %s%n", d.topic(), d.offset(), d.reason().label(), d.detail());
        }
        if (!rejected.isEmpty()) {
            err.printf("%d of %d lines rejected%n", rejected.size(), total);
        }
        err.flush();
    }

    /** Splits on \n, keeping blank lines so that line numbers stay right; a blank line is bad input. */
    static List<byte[]> readLines(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i == all.length && start == i) {
                    break; // no line after the final newline
                }
                int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
                byte[] line = new byte[end - start];
                System.arraycopy(all, start, line, 0, line.length);
                lines.add(line);
                start = i + 1;
            }
        }
        return lines;
    }
}
