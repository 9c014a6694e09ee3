package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.config.JobConfig;
import dev.redflag.event.DeadLetter;
import dev.redflag.event.Envelope;
import dev.redflag.event.EventDecoder;
import dev.redflag.kpi.ExpiredContributions;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.CloseableIterator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the KPI topology, and optionally the alerting on top of it, over a finite list of records
 * (lines of a JSON-lines file) on a local mini cluster: the live job's operators in Flink's
 * streaming mode, so they emit what the live job would. Event time holds while the input is read
 * and then passes the whole span of the data ({@link EndOfInputWatermarks}): whatever the order of
 * the lines no event is late, every window closes, and a funnel or ledger key that goes quiet
 * reports at every boundary up to the end of the data as it does live (Flink's batch mode, which
 * this once used, fires a key's timers only when its own input ends, so a quiet key reported only
 * at boundaries its own events scheduled). Records are decoded inside the job, so bad lines become
 * dead letters exactly as bad Kafka records do, with their line number as offset.
 */
public final class OfflineKpis {

    /**
     * The KPI values in window order, the records that were rejected, in line order, and the alert
     * transitions in time order (none when no rules were given).
     */
    public record Result(List<KpiValue> values, List<DeadLetter> rejected, List<AlertEvent> alerts) {
    }

    private OfflineKpis() {
    }

    public static Result run(String sourceName, List<byte[]> lines, JobConfig config, KpiCatalog catalog)
            throws Exception {
        return run(sourceName, lines, config, catalog, null);
    }

    /**
     * With {@code rules} (validated by the caller), also evaluates them over the KPI values through
     * the live job's alerting operators: a backtest. The operators start with the rule set in force,
     * so no KPI value can reach them before it, as one could before a broadcast rule set arrives.
     */
    public static Result run(String sourceName, List<byte[]> lines, JobConfig config, KpiCatalog catalog,
                             RuleBundle rules) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        DataStream<Envelope> envelopes = decoded(env, sourceName, lines)
                .transform("event-time", TypeInformation.of(Envelope.class),
                        new EndOfInputWatermarks(config.eventTime().maxFutureSkew().toMillis()));
        KpiPipeline.Outputs outputs = KpiPipeline.build(envelopes, catalog, config.eventTime(),
                config.kpis().entityTtl(), GateCounters.NONE, ExpiredContributions.NONE);
        String bundle = rules == null ? null : new String(rules.toJson(), StandardCharsets.UTF_8);
        CloseableIterator<AlertEvent> alertIt = rules == null ? CloseableIterator.empty()
                : AlertPipeline.build(outputs.kpis(), env.fromData(bundle).name("rules"), bundle, catalog,
                        AlertLifecycle.DEFAULT, null).collectAsync();
        CloseableIterator<KpiValue> kpiIt = outputs.kpis().collectAsync();
        CloseableIterator<DeadLetter> deadIt = outputs.deadLetters().collectAsync();
        JobClient job = env.executeAsync("redflag " + (rules == null ? "kpis " : "backtest ") + sourceName);
        // each collect sink stops the job when its unread results pile up: drain all of them at once
        ExecutorService drains = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "redflag-offline-collect");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<KpiValue>> values = drains.submit(() -> drain(kpiIt));
            Future<List<DeadLetter>> rejectedF = drains.submit(() -> drain(deadIt));
            Future<List<AlertEvent>> alertsF = drains.submit(() -> drain(alertIt));
            job.getJobExecutionResult().get();
            List<KpiValue> kpis = new ArrayList<>(values.get());
            List<DeadLetter> rejected = new ArrayList<>(rejectedF.get());
            List<AlertEvent> alerts = new ArrayList<>(alertsF.get());
            return sorted(kpis, rejected, alerts);
        } finally {
            drains.shutdownNow();
        }
    }

    /**
     * The lines as the job's sources would hand them over, decoded inside the job so that bad lines
     * become dead letters with their line number as offset, with the live job's watermarks.
     */
    static DataStream<Envelope> decoded(StreamExecutionEnvironment env, String sourceName, List<byte[]> lines) {
        Envelope[] records = new Envelope[lines.size()];
        for (int i = 0; i < records.length; i++) {
            Envelope e = new Envelope();
            e.raw = lines.get(i);
            e.topic = sourceName;
            e.offset = i + 1L;
            records[i] = e;
        }
        return env.fromData(TypeInformation.of(Envelope.class), records)
                .map(new Decode()).name("decode");
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static Result sorted(List<KpiValue> values, List<DeadLetter> rejected, List<AlertEvent> alerts) {
        alerts.sort(Comparator.comparingLong((AlertEvent a) -> a.transition().at())
                .thenComparing(AlertEvent::ruleId).thenComparing(AlertEvent::fingerprint)
                .thenComparing(a -> a.phase().ordinal()));
        values.sort(Comparator.comparingLong(KpiValue::windowStart)
                .thenComparing(KpiValue::kpi)
                .thenComparing(KpiValue::window)
                .thenComparing(v -> String.join("\u0000", v.dims().values())));
        rejected.sort(Comparator.comparingLong(DeadLetter::offset));
        return new Result(values, rejected, alerts);
    }

    /** Decodes the raw line of an envelope, as the job's sources do (for inputs read as raw lines). */
    public static final class Decode implements MapFunction<Envelope, Envelope> {
        private transient EventDecoder decoder;

        @Override
        public Envelope map(Envelope e) {
            if (decoder == null) {
                decoder = new EventDecoder();
            }
            return Envelope.of(decoder.decode(e.raw), e.key, e.raw, e.topic, e.partition, e.offset);
        }
    }
}
