package dev.redflag.kpi;

import java.util.Locale;

/**
 * What an alert shows of an example's ID ({@code ids:} of a KPI's {@code examples}): a keyed hash
 * that maps the same entity to the same token without revealing it, nothing, or the ID itself.
 */
public enum IdPolicy {
    /** HMAC-SHA256 of the ID under the deployment's key, first 12 hex digits. */
    HASH,
    /** No ID: the example shows only its fields, and the alert how many there were. */
    OMIT,
    /** The ID as the event carried it; opt-in, for IDs that are not personal data. */
    PLAIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
