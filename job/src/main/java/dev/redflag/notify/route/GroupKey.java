package dev.redflag.notify.route;

import java.util.Map;
import java.util.TreeMap;

/**
 * The name of a notification group, used as a state key and in logs: the route's id and the
 * values of its {@code group_by} labels. Labels an alert lacks are left out, as Alertmanager
 * does; values are quoted and escaped and labels sorted, so the key is the same for the same
 * group on every run and cannot be forged by a label value containing separators.
 */
public final class GroupKey {

    private GroupKey() {
    }

    /**
     * The id of the route a group key was made for, what comes before its {@code :{}; the key
     * itself when it was not made here.
     */
    public static String routeId(String groupKey) {
        int brace = groupKey.indexOf(":{");
        return brace < 0 ? groupKey : groupKey.substring(0, brace);
    }

    /** E.g. {@code route.routes[1]:{alertname="HighBounce",tenant="acme"}}. */
    public static String of(Route route, Map<String, String> labels) {
        Map<String, String> grouped = new TreeMap<>();
        if (route.groupBy().all()) {
            grouped.putAll(labels);
        } else {
            for (String name : route.groupBy().labels()) {
                String value = labels.get(name);
                if (value != null) {
                    grouped.put(name, value);
                }
            }
        }
        StringBuilder key = new StringBuilder(route.id()).append(":{");
        String separator = "";
        for (Map.Entry<String, String> e : grouped.entrySet()) {
            key.append(separator).append(e.getKey()).append("=\"")
                    .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
            separator = ",";
        }
        return key.append('}').toString();
    }
}
