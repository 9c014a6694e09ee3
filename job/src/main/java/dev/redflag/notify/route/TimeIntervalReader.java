package dev.redflag.notify.route;

import dev.redflag.yaml.ConfigNode;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code mute_time_intervals}. Kept apart from the route reader because days, clock times
 * and zones have their own mistakes ({@code 7:00}, {@code saturdy}, {@code Europe/Berln}) and
 * their own explanations.
 */
final class TimeIntervalReader {

    static final List<String> KEYS = List.of("name", "time_zone", "weekdays", "times");
    static final List<String> TIME_KEYS = List.of("start", "end");
    private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final List<String> DAYS = Arrays.stream(DayOfWeek.values())
            .map(d -> d.name().toLowerCase(Locale.ROOT)).toList();

    private final Nodes nodes;
    private final Map<String, ConfigNode> seen = new LinkedHashMap<>();

    TimeIntervalReader(Nodes nodes) {
        this.nodes = nodes;
    }

    Map<String, TimeInterval> read(ConfigNode list) {
        Map<String, TimeInterval> out = new LinkedHashMap<>();
        for (ConfigNode node : nodes.list(list)) {
            if (!nodes.mapping(node)) {
                continue;
            }
            nodes.keys(node, KEYS, "name");
            ConfigNode nameNode = node.entries().get("name");
            String name = nameNode == null ? null : nodes.text(nameNode);
            if (name == null) {
                continue;
            }
            ConfigNode first = seen.putIfAbsent(name, nameNode);
            if (first != null) {
                nodes.add(nameNode, "mute time interval '" + name + "' is defined twice (first at line "
                        + first.origin().line() + ")");
                continue;
            }
            Map<String, ConfigNode> e = node.entries();
            ZoneId zone = e.containsKey("time_zone") ? nodes.zone(e.get("time_zone")) : ZoneOffset.UTC;
            Set<DayOfWeek> days = e.containsKey("weekdays") ? weekdays(e.get("weekdays")) : Set.of();
            List<TimeRange> times = e.containsKey("times") ? times(e.get("times")) : List.of();
            if (zone != null) {
                out.put(name, new TimeInterval(name, zone, days, times));
            }
        }
        return out;
    }

    /** Every interval name written, also of intervals with problems, so references to them are not reported too. */
    Set<String> names() {
        return seen.keySet();
    }

    /** Day names, and Alertmanager's inclusive ranges such as {@code monday:friday}. */
    private Set<DayOfWeek> weekdays(ConfigNode node) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (ConfigNode item : nodes.list(node)) {
            String text = nodes.text(item);
            if (text == null) {
                continue;
            }
            String[] ends = text.toLowerCase(Locale.ROOT).split(":", -1);
            DayOfWeek from = day(item, ends[0]);
            DayOfWeek to = ends.length == 2 ? day(item, ends[1]) : from;
            if (ends.length > 2) {
                nodes.add(item, "expected a day like saturday or a range like monday:friday");
            } else if (from != null && to != null) {
                if (to.compareTo(from) < 0) {
                    nodes.add(item, "the range " + text + " runs backwards; write it from the earlier day, "
                            + "or list the days");
                }
                for (DayOfWeek d = from; d.compareTo(to) <= 0; d = d.plus(1)) {
                    out.add(d);
                    if (d == DayOfWeek.SUNDAY) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    private DayOfWeek day(ConfigNode at, String name) {
        String n = name.strip();
        if (DAYS.contains(n)) {
            return DayOfWeek.valueOf(n.toUpperCase(Locale.ROOT));
        }
        nodes.add(at, "unknown weekday '" + n + "'" + Nodes.suggestion(n, DAYS, "; use monday ... sunday"));
        return null;
    }

    private List<TimeRange> times(ConfigNode node) {
        List<TimeRange> out = new ArrayList<>();
        for (ConfigNode item : nodes.list(node)) {
            if (!nodes.mapping(item)) {
                continue;
            }
            nodes.keys(item, TIME_KEYS, "start", "end");
            ConfigNode startNode = item.entries().get("start");
            ConfigNode endNode = item.entries().get("end");
            if (startNode == null || endNode == null) {
                continue;
            }
            LocalTime start = clock(startNode, false);
            boolean endOfDay = endNode.isScalar() && endNode.text().equals("24:00");
            LocalTime end = endOfDay ? LocalTime.MIDNIGHT : clock(endNode, true);
            if (start == null || end == null) {
                continue;
            }
            if (!endOfDay && start.equals(end)) {
                nodes.add(item, "start and end are both " + startNode.text()
                        + "; for the whole day leave out 'times', or write end: \"24:00\"");
                continue;
            }
            out.add(new TimeRange(start, end, endOfDay));
        }
        return out;
    }

    private LocalTime clock(ConfigNode node, boolean end) {
        String text = nodes.text(node);
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = CLOCK.matcher(text);
        if (!m.matches()) {
            nodes.add(node, notATimeOfDay(text, end));
            return null;
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Also the schema's words for a bad {@code start} or {@code end}, so the two checks say it once. */
    static String notATimeOfDay(String text, boolean end) {
        return "'" + text + "' is not a time of day; write HH:MM from 00:00 to 23:59" + (end ? " (or 24:00)" : "")
                + ", e.g. \"07:00\"";
    }
}
