package dev.redflag.pipeline;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.AlertLifecycle;
import dev.redflag.alert.Transition;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.WindowSpec;
import dev.redflag.rules.RuleBundle;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** A whole KPI going silent while the watermark moves on fires; data coming back or the rule going away resolves. */
class StreamAbsenceFunctionTest {

    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));
    private static final String ABSENT = """
            groups:
              - name: data
                rules:
                  - {alert: NoSessions, kpi: conversion_rate, when: {absent: 2h, scope: kpi}, severity: critical}
            """;

    private static String bundle(String yaml) {
        return new String(new RuleBundle(new TreeMap<>(Map.of("r.yaml", yaml))).toJson(), StandardCharsets.UTF_8);
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static KpiValue conversion(String channel, String windowStart) {
        long start = at(windowStart);
        return new KpiValue("conversion_rate", "1h", new TreeMap<>(Map.of("channel", channel, "tenant", "acme")),
                start, start + 3_600_000, 0.03, 3, 100, 100);
    }

    private static List<AlertEvent> drain(KeyedBroadcastOperatorTestHarness<String, KpiValue, String, AlertEvent> h) {
        List<AlertEvent> out = h.extractOutputValues();
        h.getOutput().clear();
        return out;
    }

    @Test
    void silenceFiresAtTheDeadlineAndReturningDataOrADroppedRuleResolves() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new StreamAbsenceFunction(CATALOG, AlertLifecycle.DEFAULT), StreamAbsenceFunction::keyOf, Types.STRING,
                ActiveRulesCache.RULES)) {
            h.processBroadcastElement(new StreamRecord<>(bundle(ABSENT)));
            KpiValue last = conversion("seo", "2026-11-02T09:00:00Z");
            h.processElement(new StreamRecord<>(last, last.windowEnd() - 1));
            h.watermark(at("2026-11-02T11:59:59.999Z"));
            assertThat(drain(h)).isEmpty();
            h.watermark(at("2026-11-02T12:00:00Z"));
            assertThat(drain(h)).extracting(AlertEvent::alertname, AlertEvent::phase, e -> e.transition().at(),
                            AlertEvent::labels)
                    .containsExactly(tuple("NoSessions", Transition.Phase.FIRING, at("2026-11-02T12:00:00Z"),
                            new TreeMap<>(Map.of("alertname", "NoSessions", "kpi", "conversion_rate",
                                    "severity", "critical", "window", "1h"))));

            KpiValue back = conversion("ads", "2026-11-02T12:00:00Z");
            h.processElement(new StreamRecord<>(back, back.windowEnd() - 1));
            assertThat(drain(h)).extracting(AlertEvent::phase).containsExactly(Transition.Phase.RESOLVED);

            h.watermark(at("2026-11-02T16:00:00Z"));
            assertThat(drain(h)).extracting(AlertEvent::phase).containsExactly(Transition.Phase.FIRING);
            h.processBroadcastElement(new StreamRecord<>(bundle("groups: []\n")));
            assertThat(drain(h)).extracting(AlertEvent::alertname, AlertEvent::phase)
                    .containsExactly(tuple("NoSessions", Transition.Phase.RESOLVED));
        }
    }
}
