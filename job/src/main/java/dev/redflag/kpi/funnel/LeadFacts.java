package dev.redflag.kpi.funnel;

import dev.redflag.event.EventType;
import dev.redflag.event.LeadEvent;
import dev.redflag.event.LeadEvent.LeadStage;
import dev.redflag.kpi.EventFields;
import dev.redflag.kpi.EventFields.StringField;
import dev.redflag.kpi.ExampleSpec;
import dev.redflag.kpi.KpiKeys;

import java.io.Serializable;
import java.util.List;

/**
 * Reduces lead events to funnel facts keyed by the funnel's dimensions. An MQL that
 * mql_to_sql_rate's {@code examples.when} matches carries its example.
 */
public final class LeadFacts implements Serializable {

    private final StringField[] dims;
    private final ExampleSpec mqlExamples;
    private transient StringBuilder sb;

    public LeadFacts(List<String> by) {
        this(by, ExampleSpec.NONE);
    }

    /** @param mqlExamples mql_to_sql_rate's examples, {@link ExampleSpec#NONE} for none */
    public LeadFacts(List<String> by, ExampleSpec mqlExamples) {
        this.mqlExamples = mqlExamples;
        this.dims = by.stream().map(d -> EventFields.string(EventType.LEAD, d)).toArray(StringField[]::new);
    }

    public LeadFact of(LeadEvent event) {
        if (sb == null) {
            sb = new StringBuilder(32);
        }
        String[] values = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            values[i] = dims[i].get(event);
        }
        boolean example = event.stage() == LeadStage.MQL && mqlExamples.enabled() && mqlExamples.when().test(event);
        return new LeadFact(KpiKeys.join(sb, values), event.leadId(), event.stage(), event.ts(),
                example ? mqlExamples.example(event) : null);
    }
}
