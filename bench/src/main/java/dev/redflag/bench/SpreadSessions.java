package dev.redflag.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Session events spread round-robin over {@code pages} landing pages of one tenant, for the key
 * curve: {@code bounce_rate} is kept per tenant and page, so the i-th event lands on page
 * {@code i mod pages} and {@code pages} events make exactly {@code pages} distinct series. The
 * demo's generator draws pages at random (a million pages would need several million events to be
 * all seen once) and its output is pinned by tests, hence a generator of its own here.
 *
 * <p>Event times are spread evenly over {@code span} from {@code start}; with a span inside one
 * window every series holds state from its first event to the end of input, so the state measured
 * is that of all keys at once.
 */
final class SpreadSessions {

    static final String TENANT = "acme";
    private static final List<String> CHANNELS = List.of("seo", "ads", "email", "social");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final long start;
    private final long spanMillis;
    private final long events;
    private final int pages;

    SpreadSessions(Instant start, long spanMillis, long events, int pages) {
        if (events < 1 || pages < 1 || spanMillis < 1) {
            throw new IllegalArgumentException("events, pages and span must be positive");
        }
        this.start = start.toEpochMilli();
        this.spanMillis = spanMillis;
        this.events = events;
        this.pages = pages;
    }

    /** The i-th record, 0 <= i < events. */
    String record(long i) {
        long ts = start + i * spanMillis / events;
        // a cheap deterministic mix, so bounces and conversions do not follow the page order
        long h = (i * 0x9E3779B97F4A7C15L) >>> 40;
        boolean bounced = h % 3 == 0;
        boolean converted = !bounced && h % 50 == 1;
        return "{\"type\":\"session\",\"ts\":\"" + ISO.format(Instant.ofEpochMilli(ts)) + "\",\"tenant\":\"" + TENANT
                + "\",\"session_id\":\"" + TENANT + "-k" + i + "\",\"page\":\"" + page(i)
                + "\",\"channel\":\"" + CHANNELS.get((int) (i % CHANNELS.size())) + "\",\"pageviews\":"
                + (bounced ? 1 : 3) + ",\"duration_s\":" + (bounced ? 5 : 120) + ",\"converted\":" + converted
                + ",\"revenue\":" + (converted ? "99.00" : "0.00") + "}";
    }

    String page(long i) {
        return "/p/" + (i % pages);
    }

    long events() {
        return events;
    }
}
