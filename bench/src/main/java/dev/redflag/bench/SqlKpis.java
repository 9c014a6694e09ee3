package dev.redflag.bench;

import dev.redflag.event.AdSpendEvent;
import dev.redflag.event.EmailEvent;
import dev.redflag.event.Envelope;
import dev.redflag.event.Event;
import dev.redflag.event.MetricEvent;
import dev.redflag.event.NpsEvent;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SessionEvent;
import dev.redflag.event.WalletEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every KPI of the shipped catalog that is a plain windowed aggregate, written in Flink SQL: the
 * events split by type into tables of their raw fields, each KPI one hourly {@code TUMBLE} window
 * TVF per its series' dimensions that sums the numerator, the denominator, the event count and the
 * three second moments, as redflag's window keeps them. The KPIs that need state across windows
 * (the lead funnel, the customer ledger) or a ranking within each window (slices) are not here;
 * docs/performance.md says why.
 *
 * <p>Event time comes from the stream's watermarks ({@code SOURCE_WATERMARK()}), so the caller's
 * source decides out-of-orderness per partition, as the job's does. Windows are aligned in UTC.
 */
final class SqlKpis {

    /** One KPI as SQL: its series' dimensions and the view that gives each event's {@code a} and {@code b}. */
    record Kpi(String name, List<String> by, String input, String value, boolean ratio) implements Serializable {

        /** The window query: sums per series and hour, the value as {@code value} computes it from them. */
        String query() {
            String dims = String.join(", ", by);
            return "SELECT " + dims + ", window_start, " + value + " AS kpi_value, SUM(a) AS num, SUM(b) AS den, "
                    + "COUNT(*) AS samples, SUM(a * a) AS num_sq, SUM(a * b) AS cross_p, SUM(b * b) AS den_sq "
                    + "FROM TABLE(TUMBLE(TABLE " + view() + ", DESCRIPTOR(rt), INTERVAL '1' HOUR)) "
                    + "GROUP BY " + dims + ", window_start, window_end" + (ratio ? " HAVING SUM(b) > 0" : "");
        }

        String view() {
            return "in_" + name;
        }
    }

    /** A value of one KPI series and window, as the SQL computed it. */
    record Value(String kpi, Map<String, String> dims, long windowStart, double value, double numerator,
                 double denominator, long samples) implements Serializable {
    }

    private static final String RATIO = "SUM(a) / SUM(b)";
    private static final String SUM = "SUM(a)";
    private static final String DELIVERED = "CASE WHEN action = 'DELIVERED' THEN 1E0 ELSE 0E0 END";

    /** The catalog's plain windowed KPIs, with redflag's default dimensions (kpis.yaml's where it overrides them). */
    static final List<Kpi> KPIS = List.of(
            new Kpi("bounce_rate", List.of("tenant", "page"),
                    "SELECT tenant, page, CASE WHEN pageviews <= 1 THEN 1E0 ELSE 0E0 END AS a, 1E0 AS b, rt FROM sessions",
                    RATIO, true),
            new Kpi("conversion_rate", List.of("tenant", "channel"),
                    "SELECT tenant, channel, CASE WHEN converted THEN 1E0 ELSE 0E0 END AS a, 1E0 AS b, rt FROM sessions",
                    RATIO, true),
            new Kpi("nps", List.of("tenant", "segment"),
                    "SELECT tenant, segment, CASE WHEN score >= 9 THEN 1E0 WHEN score <= 6 THEN -1E0 ELSE 0E0 END AS a, "
                            + "1E0 AS b, rt FROM nps",
                    "100 * SUM(a) / SUM(b)", true),
            new Kpi("cpa", List.of("tenant", "channel"),
                    "SELECT tenant, channel, cost AS a, 0E0 AS b, rt FROM ads UNION ALL "
                            + "SELECT tenant, channel, 0E0 AS a, 1E0 AS b, rt FROM orders WHERE newCustomer",
                    RATIO, true),
            new Kpi("ctr", List.of("tenant", "channel"),
                    "SELECT tenant, channel, CAST(clicks AS DOUBLE) AS a, CAST(impressions AS DOUBLE) AS b, rt FROM ads",
                    RATIO, true),
            new Kpi("cpc", List.of("tenant", "channel"),
                    "SELECT tenant, channel, cost AS a, CAST(clicks AS DOUBLE) AS b, rt FROM ads", RATIO, true),
            email("email_open_rate", "OPEN"),
            email("email_click_rate", "CLICK"),
            email("unsubscribe_rate", "UNSUBSCRIBE"),
            new Kpi("ngr_to_bets", List.of("tenant"),
                    "SELECT tenant, CASE WHEN action = 'BET' THEN amount ELSE -amount END AS a, "
                            + "CASE WHEN action = 'BET' THEN amount ELSE 0E0 END AS b, rt FROM wallet "
                            + "WHERE action IN ('BET', 'WIN', 'BONUS')",
                    RATIO, true),
            new Kpi("bets_to_deposits", List.of("tenant"),
                    "SELECT tenant, CASE WHEN action = 'BET' THEN amount ELSE 0E0 END AS a, "
                            + "CASE WHEN action = 'DEPOSIT' THEN amount ELSE 0E0 END AS b, rt FROM wallet "
                            + "WHERE action IN ('BET', 'DEPOSIT')",
                    RATIO, true),
            new Kpi("sessions", List.of("tenant", "channel"),
                    "SELECT tenant, channel, 1E0 AS a, 1E0 AS b, rt FROM sessions", SUM, false),
            new Kpi("signups", List.of("tenant", "channel"),
                    "SELECT tenant, channel, 1E0 AS a, 1E0 AS b, rt FROM sessions WHERE converted", SUM, false),
            new Kpi("revenue", List.of("tenant", "channel"),
                    "SELECT tenant, channel, amount AS a, 1E0 AS b, rt FROM orders", SUM, false),
            // ARPU's numerator; its denominator, customers active in the window, needs the customer ledger
            new Kpi("arpu_revenue", List.of("tenant"),
                    "SELECT tenant, amount AS a, 1E0 AS b, rt FROM orders", SUM, false),
            new Kpi("support_queue_depth", List.of("tenant", "team"),
                    "SELECT tenant, team, metric_value AS a, 1E0 AS b, rt FROM metrics "
                            + "WHERE name = 'support_queue_depth'",
                    "MAX(a)", false));

    private static final OutputTag<OrderRow> ORDERS = new OutputTag<>("orders", TypeInformation.of(OrderRow.class));
    private static final OutputTag<AdRow> ADS = new OutputTag<>("ads", TypeInformation.of(AdRow.class));
    private static final OutputTag<EmailRow> EMAILS = new OutputTag<>("emails", TypeInformation.of(EmailRow.class));
    private static final OutputTag<NpsRow> NPS = new OutputTag<>("nps", TypeInformation.of(NpsRow.class));
    private static final OutputTag<WalletRow> WALLET = new OutputTag<>("wallet", TypeInformation.of(WalletRow.class));
    private static final OutputTag<MetricRow> METRICS = new OutputTag<>("metrics", TypeInformation.of(MetricRow.class));

    private SqlKpis() {
    }

    private static Kpi email(String name, String action) {
        return new Kpi(name, List.of("tenant", "campaign"),
                "SELECT tenant, campaign, CASE WHEN action = '" + action + "' THEN 1E0 ELSE 0E0 END AS a, "
                        + DELIVERED + " AS b, rt FROM emails WHERE action IN ('" + action + "', 'DELIVERED')",
                RATIO, true);
    }

    /**
     * Registers the event tables and the KPIs' input views, and returns every KPI's values as one
     * stream. {@code events} must carry event-time timestamps and watermarks.
     */
    static DataStream<Value> define(StreamTableEnvironment tables, DataStream<Envelope> events) {
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        SingleOutputStreamOperator<SessionRow> sessions = events
                .process(new ByType(), TypeInformation.of(SessionRow.class)).name("rows-by-type");
        register(tables, "sessions", sessions);
        register(tables, "orders", sessions.getSideOutput(ORDERS));
        register(tables, "ads", sessions.getSideOutput(ADS));
        register(tables, "emails", sessions.getSideOutput(EMAILS));
        register(tables, "nps", sessions.getSideOutput(NPS));
        register(tables, "wallet", sessions.getSideOutput(WALLET));
        register(tables, "metrics", sessions.getSideOutput(METRICS));
        DataStream<Value> all = null;
        for (Kpi kpi : KPIS) {
            tables.createTemporaryView(kpi.view(), tables.sqlQuery(kpi.input()));
            DataStream<Value> values = tables.toDataStream(tables.sqlQuery(kpi.query()))
                    .map(row -> value(kpi, row)).returns(TypeInformation.of(Value.class)).name(kpi.name());
            all = all == null ? values : all.union(values);
        }
        return all;
    }

    private static <T> void register(StreamTableEnvironment tables, String name, DataStream<T> rows) {
        tables.createTemporaryView(name, tables.fromDataStream(rows, Schema.newBuilder()
                .columnByMetadata("rt", DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                .watermark("rt", "SOURCE_WATERMARK()")
                .build()));
    }

    static Value value(Kpi kpi, Row row) {
        Map<String, String> dims = new LinkedHashMap<>();
        for (String dim : kpi.by()) {
            dims.put(dim, (String) row.getField(dim));
        }
        LocalDateTime start = (LocalDateTime) row.getField("window_start");
        return new Value(kpi.name(), dims, start.toInstant(ZoneOffset.UTC).toEpochMilli(),
                (Double) row.getField("kpi_value"), (Double) row.getField("num"), (Double) row.getField("den"),
                (Long) row.getField("samples"));
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        KPIS.forEach(k -> names.add(k.name()));
        return names;
    }

    /** Splits events into rows of their type's raw fields, sessions on the main output. */
    private static final class ByType extends ProcessFunction<Envelope, SessionRow> {
        @Override
        public void processElement(Envelope envelope, Context ctx, Collector<SessionRow> out) {
            Event event = envelope.event;
            if (event instanceof SessionEvent s) {
                out.collect(new SessionRow(s.tenant(), s.page(), s.channel(), s.pageviews(), s.converted()));
            } else if (event instanceof OrderEvent o) {
                ctx.output(ORDERS, new OrderRow(o.tenant(), o.channel(), o.amount(), o.newCustomer()));
            } else if (event instanceof AdSpendEvent a) {
                ctx.output(ADS, new AdRow(a.tenant(), a.channel(), a.campaign(), a.cost(), a.impressions(),
                        a.clicks()));
            } else if (event instanceof EmailEvent e) {
                ctx.output(EMAILS, new EmailRow(e.tenant(), e.campaign(), e.action().name()));
            } else if (event instanceof NpsEvent n) {
                ctx.output(NPS, new NpsRow(n.tenant(), n.segment(), n.score()));
            } else if (event instanceof WalletEvent w) {
                ctx.output(WALLET, new WalletRow(w.tenant(), w.action().name(), w.amount()));
            } else if (event instanceof MetricEvent m) {
                ctx.output(METRICS, new MetricRow(m.tenant(), m.name(), m.dims().getOrDefault("team", "unknown"),
                        m.value()));
            }
        }
    }

    // Flink's POJO rows: public fields, a no-argument constructor.

    /** A session's fields. */
    public static final class SessionRow {
        public String tenant;
        public String page;
        public String channel;
        public int pageviews;
        public boolean converted;

        public SessionRow() {
        }

        SessionRow(String tenant, String page, String channel, int pageviews, boolean converted) {
            this.tenant = tenant;
            this.page = page;
            this.channel = channel;
            this.pageviews = pageviews;
            this.converted = converted;
        }
    }

    /** An order's fields. */
    public static final class OrderRow {
        public String tenant;
        public String channel;
        public double amount;
        public boolean newCustomer;

        public OrderRow() {
        }

        OrderRow(String tenant, String channel, double amount, boolean newCustomer) {
            this.tenant = tenant;
            this.channel = channel;
            this.amount = amount;
            this.newCustomer = newCustomer;
        }
    }

    /** An ad spend record's fields. */
    public static final class AdRow {
        public String tenant;
        public String channel;
        public String campaign;
        public double cost;
        public long impressions;
        public long clicks;

        public AdRow() {
        }

        AdRow(String tenant, String channel, String campaign, double cost, long impressions, long clicks) {
            this.tenant = tenant;
            this.channel = channel;
            this.campaign = campaign;
            this.cost = cost;
            this.impressions = impressions;
            this.clicks = clicks;
        }
    }

    /** An e-mail event's fields. */
    public static final class EmailRow {
        public String tenant;
        public String campaign;
        public String action;

        public EmailRow() {
        }

        EmailRow(String tenant, String campaign, String action) {
            this.tenant = tenant;
            this.campaign = campaign;
            this.action = action;
        }
    }

    /** An NPS answer's fields. */
    public static final class NpsRow {
        public String tenant;
        public String segment;
        public int score;

        public NpsRow() {
        }

        NpsRow(String tenant, String segment, int score) {
            this.tenant = tenant;
            this.segment = segment;
            this.score = score;
        }
    }

    /** A wallet transaction's fields. */
    public static final class WalletRow {
        public String tenant;
        public String action;
        public double amount;

        public WalletRow() {
        }

        WalletRow(String tenant, String action, double amount) {
            this.tenant = tenant;
            this.action = action;
            this.amount = amount;
        }
    }

    /** A metric sample's fields (the team is a dim). */
    public static final class MetricRow {
        public String tenant;
        public String name;
        public String team;
        public double metric_value;

        public MetricRow() {
        }

        MetricRow(String tenant, String name, String team, double value) {
            this.tenant = tenant;
            this.name = name;
            this.team = team;
            this.metric_value = value;
        }
    }
}
