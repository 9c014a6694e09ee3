package dev.redflag.pipeline;

import dev.redflag.alert.ActiveRules;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

import java.nio.charset.StandardCharsets;

/**
 * The rule bundle in broadcast state, parsed once per operator instance and again only when the
 * bundle changes; after a restore from a checkpoint it is parsed from the restored state. The
 * bundle was validated before it was broadcast, so parsing cannot fail here.
 */
final class ActiveRulesCache {

    /** The accepted rule bundle's JSON under one key. */
    static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("rule-bundle", Types.STRING, Types.STRING);
    static final String CURRENT = "current";

    private final KpiCatalog catalog;
    private final String initial;
    private String json;
    private ActiveRules active;

    ActiveRulesCache(KpiCatalog catalog) {
        this(catalog, null);
    }

    /** @param initial the bundle in force until one is broadcast; null for none */
    ActiveRulesCache(KpiCatalog catalog, String initial) {
        this.catalog = catalog;
        this.initial = initial;
    }

    /** The active rules, or null before the first rule set arrived (and with no initial one). */
    ActiveRules get(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String current = state.get(CURRENT);
        if (current == null) {
            current = initial;
        }
        if (current == null) {
            return null;
        }
        if (!current.equals(json)) {
            active = parse(current);
            json = current;
        }
        return active;
    }

    ActiveRules parse(String bundleJson) {
        RuleBundle bundle = RuleBundle.fromJson(bundleJson.getBytes(StandardCharsets.UTF_8));
        return new ActiveRules(RuleLoader.parseAll(bundle.files(), catalog), catalog);
    }
}
