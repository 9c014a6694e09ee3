package dev.redflag.event;

import static dev.redflag.event.DeadLetterReason.OUT_OF_RANGE;

import java.util.Map;

/**
 * The per-type schema: which fields each event type requires, their defaults and limits, and the
 * order in which they are checked (that order decides which problem a bad record is reported with).
 * Kept apart from the JSON reading so the schema reads like the table of event types in docs/events-and-kpis.md.
 */
final class EventBuilders {

    private static final WireNames<LeadEvent.LeadStage> LEAD_STAGES =
            new WireNames<>(LeadEvent.LeadStage.values());
    private static final WireNames<SubscriptionEvent.Action> SUBSCRIPTION_ACTIONS =
            new WireNames<>(SubscriptionEvent.Action.values());
    private static final WireNames<EmailEvent.Action> EMAIL_ACTIONS =
            new WireNames<>(EmailEvent.Action.values());
    private static final WireNames<WalletEvent.Action> WALLET_ACTIONS =
            new WireNames<>(WalletEvent.Action.values());

    private static final String UNKNOWN = "unknown";

    private EventBuilders() {
    }

    /** The event of {@code type} built from {@code in}, or the first problem with its fields. */
    static Decoded build(EventType type, FieldReader in, long ts, String tenant,
                         Map<String, String> dims) {
        Event event = switch (type) {
            case SESSION -> session(in, ts, tenant, dims);
            case LEAD -> lead(in, ts, tenant, dims);
            case NPS -> nps(in, ts, tenant, dims);
            case SUBSCRIPTION -> subscription(in, ts, tenant, dims);
            case ORDER -> order(in, ts, tenant, dims);
            case AD_SPEND -> adSpend(in, ts, tenant, dims);
            case EMAIL -> email(in, ts, tenant, dims);
            case WALLET -> wallet(in, ts, tenant, dims);
            case METRIC -> metric(in, ts, tenant, dims);
        };
        return in.failed() ? in.problem() : Decoded.ok(event);
    }

    private static SessionEvent session(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String sessionId = in.requiredString(Field.SESSION_ID);
        String page = in.requiredString(Field.PAGE);
        String channel = in.optionalString(Field.CHANNEL, UNKNOWN);
        int pageviews = in.requiredInt(Field.PAGEVIEWS, 0, Integer.MAX_VALUE);
        double durationS = in.optionalNonNegative(Field.DURATION_S, 0);
        boolean converted = in.optionalBoolean(Field.CONVERTED, false);
        double revenue = in.optionalNonNegative(Field.REVENUE, 0);
        return in.failed() ? null : new SessionEvent(ts, tenant, dims, sessionId, page, channel,
                pageviews, durationS, converted, revenue);
    }

    private static LeadEvent lead(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String leadId = in.requiredString(Field.LEAD_ID);
        LeadEvent.LeadStage stage = in.requiredEnum(Field.STAGE, LEAD_STAGES);
        String channel = in.optionalString(Field.CHANNEL, UNKNOWN);
        String owner = in.optionalString(Field.OWNER, "unassigned");
        return in.failed() ? null : new LeadEvent(ts, tenant, dims, leadId, stage, channel, owner);
    }

    private static NpsEvent nps(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String respondentId = in.requiredString(Field.RESPONDENT_ID);
        int score = in.requiredInt(Field.SCORE, 0, 10);
        String segment = in.optionalString(Field.SEGMENT, "all");
        String product = in.optionalString(Field.PRODUCT, "all");
        return in.failed() ? null : new NpsEvent(ts, tenant, dims, respondentId, score, segment, product);
    }

    private static SubscriptionEvent subscription(FieldReader in, long ts, String tenant,
                                                  Map<String, String> dims) {
        String customerId = in.requiredString(Field.CUSTOMER_ID);
        SubscriptionEvent.Action action = in.requiredEnum(Field.ACTION, SUBSCRIPTION_ACTIONS);
        String plan = in.optionalString(Field.PLAN, "default");
        double mrr = in.optionalNonNegative(Field.MRR, 0);
        return in.failed() ? null : new SubscriptionEvent(ts, tenant, dims, customerId, action, plan, mrr);
    }

    private static OrderEvent order(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String orderId = in.requiredString(Field.ORDER_ID);
        String customerId = in.requiredString(Field.CUSTOMER_ID);
        double amount = in.requiredNonNegative(Field.AMOUNT);
        double margin = in.optionalNumber(Field.MARGIN, 0);
        if (!in.failed() && margin > amount) {
            in.fail(OUT_OF_RANGE, "field 'margin' must be <= amount (" + Details.number(amount)
                    + "), got " + Details.number(margin));
        }
        String channel = in.optionalString(Field.CHANNEL, UNKNOWN);
        boolean newCustomer = in.optionalBoolean(Field.NEW_CUSTOMER, false);
        return in.failed() ? null : new OrderEvent(ts, tenant, dims, orderId, customerId, amount,
                margin, channel, newCustomer);
    }

    private static AdSpendEvent adSpend(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String channel = in.requiredString(Field.CHANNEL);
        String campaign = in.optionalString(Field.CAMPAIGN, UNKNOWN);
        double cost = in.requiredNonNegative(Field.COST);
        long impressions = in.optionalNonNegativeLong(Field.IMPRESSIONS, 0);
        long clicks = in.optionalNonNegativeLong(Field.CLICKS, 0);
        return in.failed() ? null : new AdSpendEvent(ts, tenant, dims, channel, campaign, cost,
                impressions, clicks);
    }

    private static EmailEvent email(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String campaign = in.requiredString(Field.CAMPAIGN);
        EmailEvent.Action action = in.requiredEnum(Field.ACTION, EMAIL_ACTIONS);
        return in.failed() ? null : new EmailEvent(ts, tenant, dims, campaign, action);
    }

    private static WalletEvent wallet(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String playerId = in.requiredString(Field.PLAYER_ID);
        WalletEvent.Action action = in.requiredEnum(Field.ACTION, WALLET_ACTIONS);
        double amount = in.requiredNonNegative(Field.AMOUNT);
        return in.failed() ? null : new WalletEvent(ts, tenant, dims, playerId, action, amount);
    }

    private static MetricEvent metric(FieldReader in, long ts, String tenant, Map<String, String> dims) {
        String name = in.requiredString(Field.NAME);
        double value = in.requiredNumber(Field.VALUE);
        return in.failed() ? null : new MetricEvent(ts, tenant, dims, name, value);
    }
}
