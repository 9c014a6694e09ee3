package dev.redflag.kpi;


import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keys of KPI state. A windowed KPI key is {@code kpi SEP window SEP value1 SEP value2 ...}; a
 * funnel or customer key is just the joined dimension values. Names rather than indexes go into
 * keys so that state in a savepoint stays valid when definitions are reordered.
 */
public final class KpiKeys {

    /** ASCII unit separator: cannot appear in a KPI name or window label. */
    public static final char SEP = '\u001f';

    private KpiKeys() {
    }

    public static String kpi(String key) {
        return key.substring(0, key.indexOf(SEP));
    }

    public static String window(String key) {
        int first = key.indexOf(SEP);
        int second = key.indexOf(SEP, first + 1);
        return key.substring(first + 1, second < 0 ? key.length() : second);
    }

    /** The dimension values of a windowed KPI key, named by {@code by}. */
    public static Map<String, String> dims(String key, List<String> by) {
        if (by.isEmpty()) {
            return Map.of();
        }
        int afterWindow = key.indexOf(SEP, key.indexOf(SEP) + 1) + 1;
        return parse(key, afterWindow, by);
    }

    /** The dimension values of a key made of values only, named by {@code by}. */
    public static Map<String, String> values(String key, List<String> by) {
        return by.isEmpty() ? Map.of() : parse(key, 0, by);
    }

    /** Joins dimension values into a key of values only. */
    public static String join(StringBuilder sb, String... values) {
        sb.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(SEP);
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }

    /** Per route index of the catalog, the fixed start {@code kpi SEP window} of its keys. */
    public static String[] routePrefixes(KpiCatalog catalog) {
        List<KpiRoute> routes = catalog.routes();
        String[] prefixes = new String[routes.size()];
        for (KpiRoute route : routes) {
            prefixes[route.index()] = start(new StringBuilder(), route.spec().name(), route.window().label()).toString();
        }
        return prefixes;
    }

    public static StringBuilder start(StringBuilder sb, String kpi, String window) {
        sb.setLength(0);
        return sb.append(kpi).append(SEP).append(window);
    }

    /**
     * The last value takes the rest of the key, so a value containing SEP cannot shift names. A
     * TreeMap: sorted, so output is the same on every JVM, and a type Flink's fallback serializer
     * copies faithfully (it cannot rebuild unmodifiable wrappers).
     */
    private static Map<String, String> parse(String key, int from, List<String> by) {
        Map<String, String> dims = new TreeMap<>();
        int pos = from;
        for (int i = 0; i < by.size(); i++) {
            int next = i == by.size() - 1 ? -1 : key.indexOf(SEP, pos);
            dims.put(by.get(i), next < 0 ? key.substring(pos) : key.substring(pos, next));
            pos = next + 1;
        }
        return dims;
    }
}
