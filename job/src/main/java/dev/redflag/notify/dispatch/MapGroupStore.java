package dev.redflag.notify.dispatch;

import dev.redflag.alert.AlertEvent;
import dev.redflag.alert.Transition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link GroupStore} in plain maps, for tests and for tools that dispatch outside Flink. */
public final class MapGroupStore implements GroupStore {

    private final Map<String, AlertGroup> groups = new TreeMap<>();
    private final Map<String, AlertEvent> firing = new TreeMap<>();
    private final Map<String, Long> acknowledged = new TreeMap<>();

    @Override
    public AlertGroup group(String key) {
        return groups.get(key);
    }

    @Override
    public void put(AlertGroup group) {
        groups.put(group.key(), group);
    }

    @Override
    public void remove(String key) {
        groups.remove(key);
    }

    @Override
    public Collection<AlertGroup> groups() {
        return List.copyOf(groups.values());
    }

    @Override
    public void track(AlertEvent alert) {
        if (alert.phase() == Transition.Phase.FIRING) {
            firing.put(alert.fingerprint(), alert);
        } else {
            firing.remove(alert.fingerprint());
        }
    }

    @Override
    public Collection<AlertEvent> firing() {
        return new ArrayList<>(firing.values());
    }

    @Override
    public void acknowledge(String fingerprint, long startsAt) {
        acknowledged.put(fingerprint, startsAt);
    }

    @Override
    public void forgetAcknowledgement(String fingerprint) {
        acknowledged.remove(fingerprint);
    }

    @Override
    public Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }
}
