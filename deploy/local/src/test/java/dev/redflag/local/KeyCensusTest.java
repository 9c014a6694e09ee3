package dev.redflag.local;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.WindowSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyCensusTest {

    private static final String SEP = "\u001f";

    @Test
    void countsEachKeyedOperatorsKeysAsTheJobKeysThem() {
        KeyCensus census = new KeyCensus(KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1)))));
        for (String record : List.of(
                order("acme", "o-1", "email"), order("acme", "o-2", "seo"), order("globex", "o-3", "seo"),
                lead("acme", "l-1", "ads"), lead("acme", "l-2", "ads"), lead("globex", "l-3", "seo"),
                "{not json")) {
            census.add(record.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(census.records()).isEqualTo(7);
        assertThat(census.events()).isEqualTo(6);
        // the ledger is keyed by tenant (orders feed it), the funnel by tenant and channel (leads)
        assertThat(census.events(KeyCensus.LEDGER)).isEqualTo(Map.of("acme", 2L, "globex", 1L));
        assertThat(census.events(KeyCensus.FUNNEL)).isEqualTo(Map.of("acme" + SEP + "ads", 2L, "globex" + SEP + "seo", 1L));
        assertThat(census.perEvent(KeyCensus.LEDGER)).isEqualTo(3 / 6.0);
        // the merged contributions load windowed-kpis one record per key, whatever the key's volume
        assertThat(census.load(KeyCensus.WINDOWED)).hasSize((int) census.series()).allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
        assertThat(census.series()).isPositive();
    }

    private static String order(String tenant, String id, String channel) {
        return """
                {"type":"order","ts":1795507200000,"tenant":"%s","order_id":"%s","customer_id":"c-%s","amount":80.5,\
                "channel":"%s","new_customer":true}""".formatted(tenant, id, id, channel);
    }

    private static String lead(String tenant, String id, String channel) {
        return """
                {"type":"lead","ts":1795507200000,"tenant":"%s","lead_id":"%s","stage":"lead","channel":"%s"}"""
                .formatted(tenant, id, channel);
    }
}
