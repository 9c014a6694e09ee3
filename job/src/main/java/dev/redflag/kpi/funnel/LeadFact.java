package dev.redflag.kpi.funnel;

import dev.redflag.event.LeadEvent.LeadStage;
import dev.redflag.kpi.Example;

/**
 * A lead reaching a stage, reduced to what the funnel needs and keyed by the funnel's dimensions.
 *
 * @param example the example an MQL makes for mql_to_sql_rate (its fields as the KPI's
 *                {@code examples.show} says), null for other stages, for an MQL its {@code when}
 *                does not match, and when the KPI keeps none
 */
public record LeadFact(String key, String leadId, LeadStage stage, long ts, Example example) {

    /** A fact with no example. */
    public LeadFact(String key, String leadId, LeadStage stage, long ts) {
        this(key, leadId, stage, ts, null);
    }
}
