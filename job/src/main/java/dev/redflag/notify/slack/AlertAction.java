package dev.redflag.notify.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.redflag.alert.AlertEvent;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an action button of a firing alert carries to {@code redflag slack-actions}: which alert
 * (fingerprint and start, so a verdict joins the alert it was given on, not a later one of the same
 * series), its rule and labels (for the feedback record and a snooze's matchers), and where it was
 * routed. It travels as the button's {@code value}, compact JSON with one-letter keys, because
 * Slack allows 2000 characters there.
 *
 * @param groupKey the notification group, null when it did not fit into the value
 */
public record AlertAction(String fingerprint, long startsAt, String ruleId, String alertname, String receiver,
                          String groupKey, SortedMap<String, String> labels) {

    /** Slack's limit on a button's {@code value}. */
    public static final int MAX_VALUE = 2000;

    /** The {@code action_id}s of the buttons and of the snooze menu. */
    public static final String ACKNOWLEDGE = "redflag.ack";
    public static final String REAL_PROBLEM = "redflag.real";
    public static final String FALSE_ALARM = "redflag.false_alarm";
    public static final String SNOOZE = "redflag.snooze";

    /** The {@code block_id} prefix of an alert's actions block; the fingerprint follows. */
    public static final String BLOCK_PREFIX = "redflag.alert.";

    public AlertAction {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(alertname, "alertname");
        Objects.requireNonNull(receiver, "receiver");
        labels = new TreeMap<>(labels);
    }

    static AlertAction of(AlertEvent alert, String receiver, String groupKey) {
        return new AlertAction(alert.fingerprint(), alert.transition().startsAt(), alert.ruleId(), alert.alertname(),
                receiver, groupKey, alert.labels());
    }

    /**
     * The button value: the whole action, or without its group key when that does not fit; empty
     * when even that is over {@link #MAX_VALUE}, and then the alert gets no action buttons.
     */
    Optional<String> toValue() {
        String full = json(groupKey);
        if (full.length() <= MAX_VALUE) {
            return Optional.of(full);
        }
        String shorter = json(null);
        return shorter.length() <= MAX_VALUE ? Optional.of(shorter) : Optional.empty();
    }

    private String json(String group) {
        JsonObject o = new JsonObject();
        o.addProperty("f", fingerprint);
        o.addProperty("s", startsAt);
        o.addProperty("i", ruleId);
        o.addProperty("a", alertname);
        o.addProperty("r", receiver);
        if (group != null) {
            o.addProperty("g", group);
        }
        JsonObject l = new JsonObject();
        labels.forEach(l::addProperty);
        o.add("l", l);
        return SlackJson.GSON.toJson(o);
    }

    /**
     * Reads a button value back.
     *
     * @throws IllegalArgumentException when it is not one this class wrote
     */
    public static AlertAction parse(String value) {
        if (value == null || value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("no alert action value");
        }
        try {
            JsonElement parsed = JsonParser.parseString(value);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("an alert action value is a JSON object");
            }
            JsonObject o = parsed.getAsJsonObject();
            SortedMap<String, String> labels = new TreeMap<>();
            JsonElement l = o.get("l");
            if (l == null || !l.isJsonObject()) {
                throw new IllegalArgumentException("an alert action value has labels");
            }
            for (Map.Entry<String, JsonElement> e : l.getAsJsonObject().entrySet()) {
                labels.put(e.getKey(), text(e.getValue(), "label " + e.getKey()));
            }
            JsonElement s = o.get("s");
            if (s == null || !s.isJsonPrimitive() || !s.getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException("an alert action value has a start time");
            }
            JsonElement g = o.get("g");
            return new AlertAction(text(o.get("f"), "fingerprint"), s.getAsLong(), text(o.get("i"), "rule"),
                    text(o.get("a"), "alertname"), text(o.get("r"), "receiver"),
                    g == null ? null : text(g, "group"), labels);
        } catch (JsonParseException | NumberFormatException | IllegalStateException e) {
            throw new IllegalArgumentException("an alert action value is not readable", e);
        }
    }

    private static String text(JsonElement e, String what) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("an alert action value has no " + what);
        }
        return e.getAsString();
    }
}
