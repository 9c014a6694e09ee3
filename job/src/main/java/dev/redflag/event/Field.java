package dev.redflag.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    /**
     * The fields by a hash of their name's length, first two bytes and last byte, for
     * {@link #forBytes}: with today's names every slot holds at most one (a new name may share one).
     */
    private static final Field[][] BY_HASH = byHash();

    private static final int HASH_SLOTS = 64;

    private final String wireName;
    private final byte[] wireBytes;

    Field(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
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

    /**
     * The field whose name is the {@code length} ASCII bytes of {@code bytes} from {@code offset},
     * or null: {@link #forName} for a key the scanner reads without making a string of it.
     */
    static Field forBytes(byte[] bytes, int offset, int length) {
        if (length < 2) {
            return null;
        }
        for (Field f : BY_HASH[hash(length, bytes[offset], bytes[offset + 1], bytes[offset + length - 1])]) {
            if (f.wireBytes.length == length && sameBytes(bytes, offset, f.wireBytes)) {
                return f;
            }
        }
        return null;
    }

    /** A plain loop: names are a few bytes long, shorter than what Arrays.equals's vector path pays off for. */
    private static boolean sameBytes(byte[] bytes, int offset, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (bytes[offset + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(int length, int first, int second, int last) {
        return (length * 19 + first * 18 + second * 26 + last) & (HASH_SLOTS - 1);
    }

    private static Field[][] byHash() {
        Field[][] table = new Field[HASH_SLOTS][0];
        for (Field f : values()) {
            byte[] name = f.wireBytes;
            int slot = hash(name.length, name[0], name[1], name[name.length - 1]);
            table[slot] = Arrays.copyOf(table[slot], table[slot].length + 1);
            table[slot][table[slot].length - 1] = f;
        }
        return table;
    }
}
