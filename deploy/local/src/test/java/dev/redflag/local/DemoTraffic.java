package dev.redflag.local;

import dev.redflag.demo.Incidents;
import dev.redflag.demo.TrafficGenerator;
import dev.redflag.demo.TrafficModel;
import dev.redflag.demo.TrafficModel.Volume;

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
     * Hands {@code records} records to {@code out}, simulated from {@code start}.
     *
     * @param subscribers false for no subscriber population: the first minute of the demo's model starts
     *                    2,000 subscriptions per tenant at once, which for thousands of tenants is millions
     *                    of records in one list; without them the ledger still gets every order and ad spend
     */
    static void generate(int tenants, long seed, Instant start, long records, boolean subscribers,
                         Consumer<byte[]> out) {
        TrafficModel model = TrafficModel.defaults().withTenants(tenants(tenants));
        if (!subscribers) {
            Volume v = model.volume();
            model = model.withVolume(new Volume(v.sessionsPerMinute(), v.leadsPerMinute(), v.npsPerMinute(),
                    v.ordersPerMinute(), v.walletPerMinute(), v.emailsPerCampaignHour(), v.adSpendEveryMinutes(), 0));
        }
        TrafficGenerator generator = new TrafficGenerator(model, Incidents.scripted(), seed, start);
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
