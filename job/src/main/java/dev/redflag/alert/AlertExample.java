package dev.redflag.alert;

import dev.redflag.kpi.ExampleField;

import java.util.List;

/**
 * One example as an alert shows it: its ID as its KPI's {@code ids} allows (a token, the ID, or
 * null when left out), its fields, its event time, and its age at the alert when its KPI asks.
 *
 * @param ageMillis alert time − event time; negative when the KPI shows no age
 */
public record AlertExample(String id, List<ExampleField> fields, long at, long ageMillis) {

    public AlertExample {
        fields = List.copyOf(fields);
    }

    public boolean hasAge() {
        return ageMillis >= 0;
    }
}
