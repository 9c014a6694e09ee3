package dev.redflag.event;

/** Why a record went to the dead-letter topic; {@link #label()} is the metric label and header value. */
public enum DeadLetterReason {
    NOT_JSON("not_json"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    UNKNOWN_TYPE("unknown_type"),
    OUT_OF_RANGE("out_of_range"),
    BAD_TIMESTAMP("bad_timestamp"),
    TIMESTAMP_TOO_FAR("timestamp_too_far"),
    LATE("late");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
