package dev.redflag.kpi;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.util.Comparator;
import java.util.List;

/**
 * One event that illustrates a KPI's problem (a bounced session, a detractor's answer): its event
 * time, its ID as the event carried it (null when the KPI's {@code ids: omit} keeps none), and the
 * fields its KPI's {@code examples.show} names. IDs are hashed or left out only when an alert shows
 * them, so that one key serves every KPI.
 */
@TypeInfo(ExampleTypeInfo.class)
public record Example(long ts, String id, List<ExampleField> fields) {

    /** Newest first; the order every list of examples is kept and shown in. */
    public static final Comparator<Example> NEWEST_FIRST = Comparator.comparingLong(Example::ts).reversed();

    public Example {
        fields = List.copyOf(fields);
    }
}
