package dev.redflag.kpi.funnel;

import dev.redflag.event.LeadEvent.LeadStage;

/** A lead reaching a stage, reduced to what the funnel needs and keyed by the funnel's dimensions. */
public record LeadFact(String key, String leadId, LeadStage stage, long ts) {
}
