package dev.redflag.event;

/** The closed set of event types, named as they appear in the {@code type} field. */
public enum EventType {
    SESSION("session"),
    LEAD("lead"),
    NPS("nps"),
    SUBSCRIPTION("subscription"),
    ORDER("order"),
    AD_SPEND("ad_spend"),
    EMAIL("email"),
    WALLET("wallet"),
    METRIC("metric");

    private static final EventType[] VALUES = values();

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns the type for a wire name, or null when the name is not a known type. */
    public static EventType fromWireName(String name) {
        for (EventType t : VALUES) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
