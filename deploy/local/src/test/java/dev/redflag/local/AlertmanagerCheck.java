package dev.redflag.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redflag.testing.AlertmanagerApi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Alertmanager's alerts against the alerts topic. An alert counts once its last transition on the topic
 * is settled (arrived before a given time): a firing must be active in Alertmanager with exactly its
 * labels (those with a value, as they are posted) and its {@code startsAt}; a resolution must not be
 * active. An active alert with no settled firing of its labels and {@code startsAt} on the topic is
 * ahead of it: posted before its transaction committed while the job runs, wrong once everything has
 * settled (a label too many or too few shows as one missing and one ahead).
 *
 * @param firing   alerts whose last transition on the topic is a firing
 * @param settledFiring those of them whose firing is settled, the ones checked
 * @param active   alerts of that name active in Alertmanager
 * @param missing  settled firings not active in Alertmanager
 * @param stale    settled resolutions still active in Alertmanager
 * @param wrong    settled firings active with another {@code startsAt}
 * @param ahead    active in Alertmanager with no settled firing on the topic
 */
record AlertmanagerCheck(int firing, int settledFiring, int active, List<String> missing, List<String> stale, List<String> wrong,
                         List<String> ahead) {

    /**
     * @param records       the alert's records on the topic, in the order they arrived
     * @param settledBefore records that arrived (wall clock, ms) from then on are not settled yet
     */
    static AlertmanagerCheck of(String alertname, List<AlertsReader.Received> records,
                                List<AlertmanagerApi.Alert> alerts, long settledBefore) {
        Map<SortedMap<String, String>, AlertsReader.Received> last = new LinkedHashMap<>();
        for (AlertsReader.Received r : records) {
            String state = r.value().path("state").asText();
            if (state.equals("firing") || state.equals("resolved")) {
                last.put(labels(r.value().path("labels")), r);
            }
        }
        Map<SortedMap<String, String>, AlertmanagerApi.Alert> active = new LinkedHashMap<>();
        for (AlertmanagerApi.Alert a : alerts) {
            if (a.active() && alertname.equals(a.labels().get("alertname"))) {
                active.put(new TreeMap<>(a.labels()), a);
            }
        }
        int activeCount = active.size();
        int firing = 0;
        int settledFiring = 0;
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<SortedMap<String, String>, AlertsReader.Received> e : last.entrySet()) {
            JsonNode record = e.getValue().value();
            boolean settled = e.getValue().at() < settledBefore;
            boolean isFiring = record.path("state").asText().equals("firing");
            firing += isFiring ? 1 : 0;
            settledFiring += isFiring && settled ? 1 : 0;
            AlertmanagerApi.Alert shown = active.get(e.getKey());
            if (!settled || shown == null && !isFiring) {
                continue; // in flight, or resolved and not active: nothing to check
            }
            Instant startsAt = Instant.parse(record.path("startsAt").asText());
            String what = name(e.getKey()) + " " + record.path("state").asText() + " since " + startsAt;
            if (isFiring && shown == null) {
                missing.add(what);
            } else if (isFiring && shown.startsAt().equals(startsAt)) {
                active.remove(e.getKey());
            } else if (isFiring) {
                active.remove(e.getKey());
                wrong.add(what + ", active since " + shown.startsAt());
            } else if (!shown.startsAt().isAfter(Instant.parse(record.path("at").asText()))) {
                active.remove(e.getKey()); // else it fired again after this resolution: ahead of the topic
                stale.add(what + ", resolved at " + record.path("at").asText());
            }
        }
        List<String> ahead = active.entrySet().stream()
                .map(e -> name(e.getKey()) + " active since " + e.getValue().startsAt()).toList();
        return new AlertmanagerCheck(firing, settledFiring, activeCount, missing, stale, wrong, ahead);
    }

    /** Alertmanager shows every settled transition as it is; what is ahead of the topic is left aside. */
    boolean right() {
        return missing.isEmpty() && stale.isEmpty() && wrong.isEmpty();
    }

    /** Right, and nothing ahead: what must hold once nothing is in flight. */
    boolean exact() {
        return right() && ahead.isEmpty();
    }

    private static SortedMap<String, String> labels(JsonNode object) {
        SortedMap<String, String> labels = new TreeMap<>();
        object.fields().forEachRemaining(f -> {
            if (!f.getValue().asText().isEmpty()) { // posted without them: an empty label is no label
                labels.put(f.getKey(), f.getValue().asText());
            }
        });
        return labels;
    }

    private static String name(SortedMap<String, String> labels) {
        return labels.getOrDefault("page", labels.toString());
    }
}
