package dev.redflag.cli;

import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiValue;
import dev.redflag.kpi.Slice;
import dev.redflag.kpi.WindowSpec;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The table of {@code redflag kpis}: one row per value, and with slices one more per slice in the KPI's units. */
class KpiTableTest {

    private static final long START = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    private static final KpiCatalog CATALOG = KpiCatalog.builtins(List.of(WindowSpec.tumbling(Duration.ofHours(1))));

    /** Answers 10, 9 and 3 on the app and 8 on the web: 25 points, the app 33.33 and the web 0. */
    private static final KpiValue NPS = new KpiValue("nps", "1h", new TreeMap<>(Map.of("tenant", "default", "segment", "smb")),
            START, START + 3_600_000, 25, 1, 4, 4, 3, 1, 4,
            List.of(new Slice("product=app", 1, 3, 3, 3, 1, 3), new Slice("product=web", 0, 1, 1, 0, 0, 1)));

    private static List<String> print(KpiTable table) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out, true));
        return out.toString().lines().toList();
    }

    @Test
    void withoutSlicesOneRowPerValue() {
        assertThat(print(new KpiTable(List.of(NPS)))).containsExactly(
                "WINDOW START          WINDOW  KPI  DIMS                        VALUE  NUM/DEN  SAMPLE",
                "2026-11-20T10:00:00Z  1h      nps  segment=smb,tenant=default  25     1/4      4",
                "1 KPI values");
    }

    @Test
    void withSlicesEachSliceHasARowWithItsValueInTheKpisScale() {
        assertThat(print(new KpiTable(List.of(NPS), CATALOG))).containsExactly(
                "WINDOW START          WINDOW  KPI  DIMS                        SLICE        VALUE    NUM/DEN  SAMPLE",
                "2026-11-20T10:00:00Z  1h      nps  segment=smb,tenant=default               25       1/4      4",
                "2026-11-20T10:00:00Z  1h      nps  segment=smb,tenant=default  product=app  33.3333  1/3      3",
                "2026-11-20T10:00:00Z  1h      nps  segment=smb,tenant=default  product=web  0        0/1      1",
                "1 KPI values");
    }
}
