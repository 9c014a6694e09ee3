package dev.redflag.notify.slack;

import dev.redflag.alert.AlertEvent;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The command that silences what a notification is about, ready to paste: one matcher per label
 * that every alert of the group shares (the series' window and KPI left out, as they say nothing
 * a person would silence by). Label values are quoted as Alertmanager's matcher syntax wants.
 */
final class SilenceHint {

    private static final Set<String> LEFT_OUT = Set.of("window", "kpi", "severity");

    private SilenceHint() {
    }

    static String of(List<AlertEvent> alerts) {
        Map<String, String> common = new TreeMap<>(alerts.get(0).labels());
        for (AlertEvent a : alerts) {
            common.entrySet().removeIf(e -> !e.getValue().equals(a.labels().get(e.getKey())));
        }
        StringBuilder hint = new StringBuilder("Silence: redflag silence add");
        String alertname = common.remove("alertname");
        if (alertname != null) {
            matcher(hint, "alertname", alertname);
        }
        common.forEach((name, value) -> {
            if (!LEFT_OUT.contains(name)) {
                matcher(hint, name, value);
            }
        });
        return hint.append(" --duration 2h --comment '...' --publish").toString();
    }

    private static void matcher(StringBuilder hint, String name, String value) {
        String quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        hint.append(" --matcher '").append(name).append('=').append(quoted.replace("'", "'\\''")).append('\'');
    }
}
