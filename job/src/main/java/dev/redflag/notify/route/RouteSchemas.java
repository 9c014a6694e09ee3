package dev.redflag.notify.route;

import dev.redflag.labels.MatcherSyntax;
import dev.redflag.yaml.ConfigNode;
import dev.redflag.yaml.SchemaWords;
import dev.redflag.yaml.YamlSchema;

/**
 * The published schemas of the routing and silences files ({@value #ROUTES}, {@value #SILENCES},
 * packaged from {@code alerts-config/schema/}) and the words for what their patterns guard. Where
 * a loader parses a value itself (a label name, a time of day, a silence's start), the schema says
 * a mistake in the loader's very words, so the two checks collapse into one line.
 */
final class RouteSchemas implements SchemaWords {

    static final String ROUTES = "/schema/routes.schema.json";
    static final String SILENCES = "/schema/silences.schema.json";

    private RouteSchemas() {
    }

    static YamlSchema routes() {
        return YamlSchema.load(ROUTES, new RouteSchemas());
    }

    static YamlSchema silences() {
        return YamlSchema.load(SILENCES, new RouteSchemas());
    }

    @Override
    public String value(String location, String keyword, ConfigNode at, String got) {
        if (location.startsWith("/definitions/value/") && at.isEmpty()) {
            return "no value";
        }
        if (location.startsWith("/definitions/matchers/type")) {
            return Nodes.matchersShape(at);
        }
        if (!at.isScalar()) {
            return null;
        }
        if (location.startsWith("/definitions/label_name/")
                || location.startsWith("/definitions/route/properties/group_by/items/")) {
            if (keyword.equals("type") && Nodes.LABEL.matcher(at.text()).matches()) {
                return "'" + at.text() + "' is read as true or false; write it in quotes";
            }
            return YamlSchema.labelNameProblem(at.text());
        }
        if (location.startsWith("/definitions/matchers/items/")) {
            try {
                MatcherSyntax.parse(at.text());
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
            return null;
        }
        if (location.startsWith("/definitions/time_range/properties/start/")) {
            return TimeIntervalReader.notATimeOfDay(at.text(), false);
        }
        if (location.startsWith("/definitions/time_range/properties/end/")) {
            return TimeIntervalReader.notATimeOfDay(at.text(), true);
        }
        if (location.startsWith("/definitions/time/")) {
            return SilenceFile.notATime(at.text());
        }
        return null;
    }
}
