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

    /** A name and its closing quote fit two words of {@link AsciiWords}. */
    private static final int MAX_KEY_BYTES = 2 * Long.BYTES;

    /** Names sharing the low five bits of their first two bytes: at most two today. */
    private static final int BUCKET = 2;
    private static final int SLOTS = 1 << 10;

    /**
     * For {@link #atKey}, per slot of the low five bits of a name's first two bytes, {@link #BUCKET}
     * candidates in flat arrays: the words of a name and its closing quote, their masks, the field
     * (an empty place has a mask of zero and a word that is not zero, so it never matches).
     */
    private static final long[] HEADS = new long[SLOTS * BUCKET];
    private static final long[] HEAD_MASKS = new long[SLOTS * BUCKET];
    private static final long[] TAILS = new long[SLOTS * BUCKET];
    private static final long[] TAIL_MASKS = new long[SLOTS * BUCKET];
    private static final Field[] CANDIDATES = new Field[SLOTS * BUCKET];

    static {
        Arrays.fill(HEADS, -1L);
        for (Field f : values()) {
            int k = slot(f.keyBytes[0], f.keyBytes[1]) * BUCKET;
            while (CANDIDATES[k] != null) {
                k++;
                if (k % BUCKET == 0) {
                    throw new IllegalStateException("more than " + BUCKET + " field names start like " + f.wireName);
                }
            }
            CANDIDATES[k] = f;
            HEADS[k] = f.head;
            HEAD_MASKS[k] = f.headMask;
            TAILS[k] = f.tail;
            TAIL_MASKS[k] = f.tailMask;
        }
    }

    private final String wireName;
    /** The name and its closing quote as two little-endian words, and the masks of their bytes. */
    private final long head;
    private final long headMask;
    private final long tail;
    private final long tailMask;
    private final byte[] keyBytes;
    /** The name's length, kept beside the words so a matched key's end costs no load of the name. */
    private final int nameLength;

    Field(String wireName) {
        this.wireName = wireName;
        this.keyBytes = (wireName + '"').getBytes(StandardCharsets.US_ASCII);
        this.nameLength = wireName.length();
        if (keyBytes.length > MAX_KEY_BYTES) {
            throw new IllegalStateException("field name longer than two words: " + wireName);
        }
        byte[] padded = Arrays.copyOf(keyBytes, MAX_KEY_BYTES);
        this.head = AsciiWords.word(padded, 0);
        this.tail = AsciiWords.word(padded, Long.BYTES);
        this.headMask = AsciiWords.mask(keyBytes.length);
        this.tailMask = AsciiWords.mask(keyBytes.length - Long.BYTES);
    }

    String wireName() {
        return wireName;
    }

    /** The length of {@link #wireName}, in bytes as in characters (ASCII). */
    int nameLength() {
        return nameLength;
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
     * The field whose name, followed by the quote that closes it, is at {@code from} (the first
     * byte of a key), or null: {@link #forName} for a key the scanner reads without finding where
     * it ends first. Null says nothing about the key's end, which the caller then finds.
     */
    static Field atKey(byte[] bytes, int from, int end) {
        if (end - from < 2) {
            return null;
        }
        int base = slot(bytes[from], bytes[from + 1]) * BUCKET;
        if (end - from >= MAX_KEY_BYTES) {
            long first = AsciiWords.word(bytes, from);
            long second = AsciiWords.word(bytes, from + Long.BYTES);
            for (int k = base; k < base + BUCKET; k++) {
                if ((first & HEAD_MASKS[k]) == HEADS[k] && (second & TAIL_MASKS[k]) == TAILS[k]) {
                    return CANDIDATES[k];
                }
            }
            return null;
        }
        for (int k = base; k < base + BUCKET; k++) {
            Field f = CANDIDATES[k];
            if (f != null && f.keyBytes.length <= end - from && Arrays.equals(bytes, from, from + f.keyBytes.length,
                    f.keyBytes, 0, f.keyBytes.length)) {
                return f;
            }
        }
        return null;
    }

    private static int slot(byte first, byte second) {
        return (first & 0x1f) << 5 | (second & 0x1f);
    }
}
