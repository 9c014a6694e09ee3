package dev.redflag.kpi;

import dev.redflag.event.Event;
import dev.redflag.event.EventType;
import dev.redflag.kpi.EventFields.NumberField;
import dev.redflag.kpi.EventFields.StringField;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code examples:} of a KPI: which of its events illustrate a problem ({@code when}), the
 * field that identifies each ({@code id}), the fields shown beside it ({@code show}), how many a
 * window keeps and an alert shows ({@code max}) and what an alert shows of the ID ({@code ids}).
 *
 * @param input       index in the KPI's inputs of the one whose events are sampled: a ratio whose
 *                    sides both read events of this type would otherwise sample an event twice
 * @param idsDeclared whether {@code ids} was written in kpis.yaml rather than defaulted: a hash
 *                    asked for without a key is a start-up error, a defaulted one shows no IDs
 * @param age         whether an alert shows each example's age (alert time − event time)
 */
public record ExampleSpec(String id, IdPolicy ids, boolean idsDeclared, List<Shown> show, int max, boolean age,
                          int input, EventType type, EventPredicate when, StringField idField)
        implements Serializable {

    /** A KPI without examples. */
    public static final ExampleSpec NONE = new ExampleSpec("", IdPolicy.OMIT, false, List.of(), 0, false, -1, null,
            e -> false, e -> null);

    /** Examples a window keeps and an alert shows unless {@code max} says otherwise. */
    public static final int DEFAULT_MAX = 5;
    /** Highest {@code max}: every kept example is an ID and its fields in state, per slice too. */
    public static final int MAX_LIMIT = 20;

    /** One field shown beside the ID, read as text or, for a numeric field, as a number. */
    public record Shown(String name, StringField text, NumberField number) implements Serializable {
    }

    public ExampleSpec {
        show = List.copyOf(show);
    }

    /**
     * Examples of {@code type} events of the input at {@code input}, identified by the field
     * {@code id}, showing the fields {@code show} (string fields, dims or numeric fields).
     */
    public static ExampleSpec of(EventType type, int input, String id, EventPredicate when, List<String> show,
                                 int max, IdPolicy ids, boolean idsDeclared, boolean age) {
        List<Shown> shown = new ArrayList<>(show.size());
        for (String name : show) {
            NumberField number = EventFields.number(type, name);
            shown.add(new Shown(name, number == null ? EventFields.string(type, name) : null, number));
        }
        StringField idField = ids == IdPolicy.OMIT ? e -> null : EventFields.string(type, id);
        return new ExampleSpec(id, ids, idsDeclared, shown, max, age, input, type, when, idField);
    }

    public boolean enabled() {
        return max > 0;
    }

    /** The same examples sampled from the input at {@code newInput}. */
    public ExampleSpec withInput(int newInput) {
        return new ExampleSpec(id, ids, idsDeclared, show, max, age, newInput, type, when, idField);
    }

    /** The example an event makes: its time, ID (none under {@code omit}) and shown fields. */
    public Example example(Event event) {
        List<ExampleField> fields = new ArrayList<>(show.size());
        for (Shown s : show) {
            fields.add(s.number() != null ? ExampleField.number(s.name(), s.number().get(event))
                    : ExampleField.text(s.name(), s.text().get(event)));
        }
        return new Example(event.ts(), idField.get(event), fields);
    }
}
