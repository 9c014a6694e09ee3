package dev.redflag.alert.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One person's action on one alert, as the feedback topic carries it (keyed by fingerprint):
 * {@code redflag slack-actions} writes it, the job and the commands read it. The alert is named by
 * its fingerprint and the start of its firing period, so a verdict joins the period it was given
 * on, not a later one of the same series.
 *
 * @param userName     the person's Slack name; null when Slack did not send it
 * @param groupKey     the notification group; null when the button did not carry it
 * @param snoozedUntil the end of the silence a snooze created; null for other actions
 * @param silenceId    the silence a snooze created; null for other actions
 * @param at           when the action was taken
 */
@TypeInfo(FeedbackTypeInfo.class)
public record Feedback(FeedbackAction action, String userId, String userName, String fingerprint, Instant startsAt,
                       String ruleId, String alertname, SortedMap<String, String> labels, String receiver,
                       String groupKey, Instant snoozedUntil, String silenceId, Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Feedback {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(alertname, "alertname");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(at, "at");
        labels = new TreeMap<>(labels);
    }

    /** The verdict this action gives; empty for an acknowledge or a snooze. */
    public Optional<Verdict> verdict() {
        return action.verdict();
    }

    /**
     * {@code {"action","verdict","user":{"id","name"},"fingerprint","starts_at","rule","alertname",
     * "labels","receiver","group_key","snoozed_until","silence_id","at"}}, times in ISO-8601 UTC,
     * absent values as null.
     */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("action", action.recorded());
        o.put("verdict", verdict().map(Verdict::recorded).orElse(null));
        ObjectNode user = o.putObject("user");
        user.put("id", userId);
        user.put("name", userName);
        o.put("fingerprint", fingerprint);
        o.put("starts_at", startsAt.toString());
        o.put("rule", ruleId);
        o.put("alertname", alertname);
        ObjectNode l = o.putObject("labels");
        labels.forEach(l::put);
        o.put("receiver", receiver);
        o.put("group_key", groupKey);
        o.put("snoozed_until", snoozedUntil == null ? null : snoozedUntil.toString());
        o.put("silence_id", silenceId);
        o.put("at", at.toString());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The verdict as the alerts topic keeps it among the transitions of its alert: {@code {"kind":
     * "feedback","alert","rule","fingerprint","startsAt","labels","verdict","action","user":{"id",
     * "name"},"at"}}, names and times as the transitions spell them. {@code kind} is what tells it
     * from a transition, which has no {@code kind} and always a {@code state}.
     */
    public String toAlertsTopicJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", "feedback");
        o.put("alert", alertname);
        o.put("rule", ruleId);
        o.put("fingerprint", fingerprint);
        o.put("startsAt", startsAt.toString());
        ObjectNode l = o.putObject("labels");
        labels.forEach(l::put);
        o.put("verdict", verdict().map(Verdict::recorded).orElse(null));
        o.put("action", action.recorded());
        ObjectNode user = o.putObject("user");
        user.put("id", userId);
        user.put("name", userName);
        o.put("at", at.toString());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a record {@link #toJson} wrote. Strict on what is there: every field this class writes
     * must have its type, the required ones must be present, and the verdict must be the one its
     * action gives. Fields it does not know are ignored, so a newer writer does not stop an older
     * reader.
     *
     * @throws Malformed naming the first thing wrong, for the dead letter and the log
     */
    public static Feedback parse(byte[] json) throws Malformed {
        if (json == null || json.length == 0) {
            throw new Malformed("empty record");
        }
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (IOException e) {
            throw new Malformed("not JSON");
        }
        if (o == null || !o.isObject()) {
            throw new Malformed("not a JSON object");
        }
        String actionText = text(o, "action", true);
        FeedbackAction action = FeedbackAction.ofRecorded(actionText)
                .orElseThrow(() -> new Malformed("unknown action " + quoted(actionText)));
        String verdict = text(o, "verdict", false);
        String expected = action.verdict().map(Verdict::recorded).orElse(null);
        if (!Objects.equals(verdict, expected)) {
            throw new Malformed("verdict " + (verdict == null ? "null" : quoted(verdict)) + " does not go with action "
                    + action.recorded());
        }
        JsonNode user = o.get("user");
        if (user == null || !user.isObject()) {
            throw new Malformed("no user object");
        }
        String userId = text(user, "id", true);
        String userName = text(user, "name", false);
        JsonNode l = o.get("labels");
        if (l == null || !l.isObject()) {
            throw new Malformed("no labels object");
        }
        SortedMap<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new Malformed("label " + e.getKey() + " is not a string");
            }
            labels.put(e.getKey(), e.getValue().asText());
        }
        return new Feedback(action, userId, userName, text(o, "fingerprint", true), time(o, "starts_at", true),
                text(o, "rule", true), text(o, "alertname", true), labels, text(o, "receiver", true),
                text(o, "group_key", false), time(o, "snoozed_until", false), text(o, "silence_id", false),
                time(o, "at", true));
    }

    private static String text(JsonNode o, String field, boolean required) throws Malformed {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Malformed("no " + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new Malformed(field + " is not a string");
        }
        if (required && v.asText().isEmpty()) {
            throw new Malformed(field + " is empty");
        }
        return v.asText();
    }

    private static Instant time(JsonNode o, String field, boolean required) throws Malformed {
        String t = text(o, field, required);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new Malformed(field + " is not an ISO-8601 UTC time: " + quoted(t));
        }
    }

    /** The text in quotes, cut to 40 characters: a reason is a line in a log, whatever the record held. */
    private static String quoted(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }

    /** A record that is not a feedback record; the message says what is wrong with it. */
    public static final class Malformed extends Exception {
        public Malformed(String reason) {
            super(reason);
        }
    }
}
