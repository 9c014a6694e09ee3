package dev.redflag.demo;

import java.util.List;

/**
 * Answers "what does the script change for this tenant and target at this moment" for the
 * generator's event sources, so none of them needs to know how incidents are listed. Scripts are a
 * handful of entries and the question is asked per event, so it is a linear scan over arrays.
 * Where incidents of one kind overlap, overriding values (bounce rate, NPS) come from the last one
 * listed and factors multiply.
 */
final class IncidentSchedule {

    private final Incident[] incidents;
    private final long[] from;
    private final long[] until;

    IncidentSchedule(List<Incident> script) {
        incidents = script.toArray(new Incident[0]);
        from = new long[incidents.length];
        until = new long[incidents.length];
        for (int i = 0; i < incidents.length; i++) {
            from[i] = incidents[i].start().toMillis();
            until[i] = incidents[i].end().toMillis();
        }
    }

    /** The bounce rate of a session of {@code page} from {@code channel} on {@code device}. */
    double bounceRate(String tenant, String page, String channel, String device, long sinceStart, double baseline) {
        double value = baseline;
        for (int i = 0; i < incidents.length; i++) {
            if (applies(i, Incident.Kind.BOUNCE_SPIKE, tenant, page, sinceStart)
                    && incidents[i].inSlice(channel, device)) {
                value = incidents[i].magnitude();
            }
        }
        return value;
    }

    double conversionFactor(String tenant, String channel, long sinceStart) {
        return factor(Incident.Kind.CONVERSION_DROP, tenant, channel, sinceStart);
    }

    /** The share of MQL→SQL transitions due now that still happen. */
    double sqlKept(String tenant, String channel, long sinceStart) {
        return factor(Incident.Kind.MQL_SQL_STALL, tenant, channel, sinceStart);
    }

    double nps(String tenant, String segment, long sinceStart, double baseline) {
        return override(Incident.Kind.NPS_DROP, tenant, segment, sinceStart, baseline);
    }

    double churnFactor(String tenant, long sinceStart) {
        return factor(Incident.Kind.CHURN_RISE, tenant, null, sinceStart);
    }

    private double override(Incident.Kind kind, String tenant, String target, long sinceStart,
                            double baseline) {
        double value = baseline;
        for (int i = 0; i < incidents.length; i++) {
            if (applies(i, kind, tenant, target, sinceStart)) {
                value = incidents[i].magnitude();
            }
        }
        return value;
    }

    private double factor(Incident.Kind kind, String tenant, String target, long sinceStart) {
        double f = 1;
        for (int i = 0; i < incidents.length; i++) {
            if (applies(i, kind, tenant, target, sinceStart)) {
                f *= incidents[i].magnitude();
            }
        }
        return f;
    }

    private boolean applies(int i, Incident.Kind kind, String tenant, String target,
                            long sinceStart) {
        Incident incident = incidents[i];
        return incident.kind() == kind && sinceStart >= from[i] && sinceStart < until[i]
                && incident.tenant().equals(tenant)
                && (target == null || target.equals(incident.target()));
    }
}
