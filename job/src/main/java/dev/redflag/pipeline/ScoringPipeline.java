package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.config.JobConfig;
import dev.redflag.event.Envelope;
import dev.redflag.kpi.ExpiredContributions;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Detectors measured through the job's own operators (the NAB run): lines decoded as the job's
 * sources do, KPI values from the live KPI topology, and every value both to a scoring operator
 * keyed by series, like the rule operator, and to the live alerting operators with the given rules.
 * The scoring operator is the caller's; this only wires it.
 */
public final class ScoringPipeline {

    /** The scores of every KPI value, and every alert transition of the rules. */
    public record Outputs<S>(DataStream<S> scores, DataStream<AlertEvent> alerts) {
    }

    private ScoringPipeline() {
    }

    /**
     * @param rules  validated rules over the catalog's KPIs
     * @param scorer keyed by {@link KpiValue#seriesKey()}; emits the scores of each value
     */
    public static <S> Outputs<S> build(StreamExecutionEnvironment env, String sourceName, List<byte[]> lines,
                                       KpiCatalog catalog, RuleBundle rules,
                                       KeyedProcessFunction<String, KpiValue, S> scorer, Class<S> scores) {
        JobConfig config = JobConfig.defaults("localhost:9092");
        DataStream<Envelope> envelopes = OfflineKpis.decoded(env, sourceName, lines)
                .assignTimestampsAndWatermarks(GuardedWatermarks.strategy(
                        config.eventTime().maxOutOfOrderness(), config.eventTime().maxFutureSkew(), null));
        KpiPipeline.Outputs outputs = KpiPipeline.build(envelopes, catalog, config.eventTime(),
                config.kpis().entityTtl(), GateCounters.NONE, ExpiredContributions.NONE);
        DataStream<KpiValue> values = outputs.kpis();
        DataStream<S> scored = values
                .keyBy(KpiValue::seriesKey)
                .process(scorer)
                .returns(TypeInformation.of(scores))
                .name("scores");
        DataStream<AlertEvent> alerts = AlertPipeline.build(values,
                env.fromData(new String(rules.toJson(), StandardCharsets.UTF_8)).name("rules"), catalog,
                AlertLifecycle.DEFAULT, null);
        return new Outputs<>(scored, alerts);
    }
}
