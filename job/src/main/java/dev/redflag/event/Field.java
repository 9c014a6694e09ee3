package dev.redflag.event;

/**
 * The top-level field names the decoder knows. Names are matched once while streaming, so that
 * the values of every type's fields can be kept in fixed slots before {@code type} is known
 * (it may come last), and anything else can be skipped without being materialised.
 */
enum Field {
    TYPE("type"),
    TS("ts"),
    TENANT("tenant"),
    DIMS("dims"),
    SESSION_ID("session_id"),
    PAGE("page"),
    CHANNEL("channel"),
    PAGEVIEWS("pageviews"),
    DURATION_S("duration_s"),
    CONVERTED("converted"),
    REVENUE("revenue"),
    LEAD_ID("lead_id"),
    STAGE("stage"),
    OWNER("owner"),
    RESPONDENT_ID("respondent_id"),
    SCORE("score"),
    SEGMENT("segment"),
    PRODUCT("product"),
    CUSTOMER_ID("customer_id"),
    ACTION("action"),
    PLAN("plan"),
    MRR("mrr"),
    ORDER_ID("order_id"),
    AMOUNT("amount"),
    MARGIN("margin"),
    NEW_CUSTOMER("new_customer"),
    CAMPAIGN("campaign"),
    COST("cost"),
    IMPRESSIONS("impressions"),
    CLICKS("clicks"),
    PLAYER_ID("player_id"),
    NAME("name"),
    VALUE("value");

    static final int COUNT = values().length;

    private final String wireName;

    Field(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    /** Returns the field for a JSON key, or null when the key is not one the decoder uses. */
    static Field forName(String name) {
        return switch (name) {
            case "type" -> TYPE;
            case "ts" -> TS;
            case "tenant" -> TENANT;
            case "dims" -> DIMS;
            case "session_id" -> SESSION_ID;
            case "page" -> PAGE;
            case "channel" -> CHANNEL;
            case "pageviews" -> PAGEVIEWS;
            case "duration_s" -> DURATION_S;
            case "converted" -> CONVERTED;
            case "revenue" -> REVENUE;
            case "lead_id" -> LEAD_ID;
            case "stage" -> STAGE;
            case "owner" -> OWNER;
            case "respondent_id" -> RESPONDENT_ID;
            case "score" -> SCORE;
            case "segment" -> SEGMENT;
            case "product" -> PRODUCT;
            case "customer_id" -> CUSTOMER_ID;
            case "action" -> ACTION;
            case "plan" -> PLAN;
            case "mrr" -> MRR;
            case "order_id" -> ORDER_ID;
            case "amount" -> AMOUNT;
            case "margin" -> MARGIN;
            case "new_customer" -> NEW_CUSTOMER;
            case "campaign" -> CAMPAIGN;
            case "cost" -> COST;
            case "impressions" -> IMPRESSIONS;
            case "clicks" -> CLICKS;
            case "player_id" -> PLAYER_ID;
            case "name" -> NAME;
            case "value" -> VALUE;
            default -> null;
        };
    }
}
