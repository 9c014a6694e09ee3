package dev.redflag.demo;

import java.util.SplittableRandom;

/**
 * The kinds of broken records the generator mixes in, one per common producer mistake, so the
 * demo's dead-letter topic and its per-reason counters have something to show.
 */
enum Malformation {
    /** A record cut off mid-way, e.g. {@code {"type":"session","ts":...,"session_id":"acme-s1}: not JSON. */
    TRUNCATED,
    /** A well-formed record of a type the job does not know ({@code pageview}). */
    UNKNOWN_TYPE,
    /** An NPS answer with score 11: out of range. */
    NPS_SCORE_OUT_OF_RANGE,
    /** A refund sent as an order with a negative amount: out of range. */
    NEGATIVE_ORDER_AMOUNT;

    private static final Malformation[] VALUES = values();

    static Malformation any(SplittableRandom r) {
        return VALUES[r.nextInt(VALUES.length)];
    }

    /**
     * The broken line.
     *
     * @param previous the good record just written, which {@link #TRUNCATED} cuts short
     * @param w        a writer that may be reused
     * @param serial   makes ids unique among broken lines
     */
    String line(SplittableRandom r, RecordWriter w, String previous, long at, String tenant,
                long serial) {
        return switch (this) {
            case TRUNCATED -> previous.substring(0,
                    (int) Draw.between(r, previous.length() / 2, previous.length() - 1));
            case UNKNOWN_TYPE -> w.begin("pageview", at, tenant)
                    .str("page", "/pricing")
                    .str("session_id", tenant + "-pv" + serial)
                    .end();
            case NPS_SCORE_OUT_OF_RANGE -> w.begin("nps", at, tenant)
                    .str("respondent_id", tenant + "-rx" + serial)
                    .num("score", 11)
                    .str("segment", "smb")
                    .str("product", "core")
                    .end();
            case NEGATIVE_ORDER_AMOUNT -> w.begin("order", at, tenant)
                    .str("order_id", tenant + "-refund" + serial)
                    .str("customer_id", tenant + "-c1")
                    .cents("amount", -Draw.between(r, 500L, 20_000L))
                    .str("channel", "email")
                    .bool("new_customer", false)
                    .end();
        };
    }
}
