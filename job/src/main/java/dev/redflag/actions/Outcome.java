package dev.redflag.actions;

/**
 * How the service answered a request to its actions endpoint, with the HTTP status Slack gets;
 * each is counted in {@code redflag_slack_actions_total{outcome}}. Only {@link #ACCEPTED} leaves
 * anything behind (a feedback record, a silence, an edited message).
 */
enum Outcome {
    /** Acted on: 200. */
    ACCEPTED(200),
    /** No signature, or one that the signing secret did not make: 401. */
    BAD_SIGNATURE(401),
    /** Signed more than 5 minutes from now: 401, as Slack's own guidance says. */
    STALE(401),
    /** A copy of a request already taken within the 5 minutes: 409. */
    REPLAYED(409),
    /** A body over the limit: 413, before any of it is verified or parsed. */
    TOO_LARGE(413),
    /** Signed, but not a block_actions payload the buttons make: 400. */
    MALFORMED(400),
    /** Signed and readable, but an element or snooze option the buttons do not have: 400. */
    UNKNOWN_ACTION(400),
    /** Someone outside the receiver's channel, or outside its snooze user groups, or another channel: 403. */
    FORBIDDEN(403),
    /** Slack's directory, the broker or the silences file did not answer in time: 503, nothing acted on. */
    FAILED(503);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }

    /** As in the metric's label. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
