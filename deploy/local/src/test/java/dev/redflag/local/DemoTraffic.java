package dev.redflag.local;

import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The demo generator's records as the benchmark pre-loads them (bench's {@code Preload}): the demo's
 * two tenants and then tenant0002, tenant0003, ..., the scripted incidents, one seed.
 */
final class DemoTraffic {

    private DemoTraffic() {
    }

    /** The demo's tenants first, then tenant0002, tenant0003, ... */
    static List<String> tenants(int n) {
        List<String> names = new ArrayList<>(List.of("acme", "globex"));
        for (int t = names.size(); t < n; t++) {
            names.add(String.format(Locale.ROOT, "tenant%04d", t));
        }
        return names.subList(0, Math.max(n, 1));
    }

    /**
     * Hands {@code records} records to {@code out}, simulated from {@code start}, after leaving out the
     * first {@code skipMinutes} simulated minutes (the first starts every tenant's subscribers at once).
     */
    static void generate(int tenants, long seed, Instant start, long records, int skipMinutes, Consumer<byte[]> out) {
        TrafficGenerator generator = new TrafficGenerator(TrafficModel.defaults().withTenants(tenants(tenants)),
                Incidents.scripted(), seed, start);
        for (int m = 0; m < skipMinutes; m++) {
            generator.nextMinute();
        }
        long sent = 0;
        while (sent < records) {
            for (String record : generator.nextMinute()) {
                if (sent == records) {
                    break;
                }
                out.accept(record.getBytes(StandardCharsets.UTF_8));
                sent++;
            }
        }
    }
}
