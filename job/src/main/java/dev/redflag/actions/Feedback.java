package dev.redflag.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redflag.notify.slack.AlertAction;

import java.time.Instant;

/**
 * One person's action on one alert, as written to the feedback topic (keyed by fingerprint): the
 * job joins it to its alert by fingerprint and start time.
 *
 * @param snoozedUntil the end of the silence a snooze created; null for other actions
 */
record Feedback(UserAction action, String userId, String userName, AlertAction alert, Instant snoozedUntil,
                String silenceId, Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code {"action","verdict","user":{"id","name"},"fingerprint","starts_at","rule","alertname",
     * "labels","receiver","group_key","snoozed_until","silence_id","at"}}, times in ISO-8601 UTC,
     * absent values as null.
     */
    String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("action", action.recorded());
        o.put("verdict", action.verdict());
        ObjectNode user = o.putObject("user");
        user.put("id", userId);
        user.put("name", userName);
        o.put("fingerprint", alert.fingerprint());
        o.put("starts_at", Instant.ofEpochMilli(alert.startsAt()).toString());
        o.put("rule", alert.ruleId());
        o.put("alertname", alert.alertname());
        ObjectNode labels = o.putObject("labels");
        alert.labels().forEach(labels::put);
        o.put("receiver", alert.receiver());
        o.put("group_key", alert.groupKey());
        o.put("snoozed_until", snoozedUntil == null ? null : snoozedUntil.toString());
        o.put("silence_id", silenceId);
        o.put("at", at.toString());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
