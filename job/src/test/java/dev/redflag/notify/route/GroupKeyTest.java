package dev.redflag.notify.route;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

class GroupKeyTest {

    private final RouteTree tree = Fixtures.routes();

    private String key(Map<String, String> labels) {
        return GroupKey.of(tree.match(labels).get(0), labels);
    }

    @Test
    void theKeyIsTheRouteAndItsGroupByValuesInLabelOrder() {
        Map<String, String> a = labels("tenant", "acme", "alertname", "HighBounce", "page", "/a");
        Map<String, String> b = labels("tenant", "acme", "alertname", "HighBounce", "page", "/b");
        assertThat(key(a)).isEqualTo("route:{alertname=\"HighBounce\",tenant=\"acme\"}").isEqualTo(key(b));
        assertThat(key(labels("alertname", "HighBounce", "tenant", "beta"))).isNotEqualTo(key(a));
    }

    @Test
    void labelsTheAlertLacksAreLeftOut() {
        assertThat(key(labels("alertname", "HighBounce"))).isEqualTo("route:{alertname=\"HighBounce\"}");
        assertThat(key(labels())).isEqualTo("route:{}");
    }

    @Test
    void theSameLabelsGroupDifferentlyOnDifferentRoutes() {
        Map<String, String> growth = labels("team", "growth", "alertname", "Drop", "page", "/p", "tenant", "t");
        assertThat(key(growth)).isEqualTo("route.routes[1]:{alertname=\"Drop\",page=\"/p\"}");
    }

    @Test
    void groupByAllUsesEveryLabel() {
        Map<String, String> l = labels("severity", "critical", "alertname", "X", "zone", "eu");
        assertThat(key(l)).isEqualTo("route.routes[2]:{alertname=\"X\",severity=\"critical\",zone=\"eu\"}");
    }

    @Test
    void valuesAreEscapedSoTheyCannotForgeAnotherKey() {
        String forged = key(labels("alertname", "a\",tenant=\"b"));
        String real = key(labels("alertname", "a", "tenant", "b"));
        assertThat(forged).isEqualTo("route:{alertname=\"a\\\",tenant=\\\"b\"}").isNotEqualTo(real);
    }

    @Test
    void theRouteIdIsWhatComesBeforeTheLabels() {
        assertThat(GroupKey.routeId("route.routes[1]:{alertname=\"HighBounce\",page=\"a:{b}\"}"))
                .isEqualTo("route.routes[1]");
        assertThat(GroupKey.routeId("route:{}")).isEqualTo("route");
        assertThat(GroupKey.routeId("no key")).isEqualTo("no key");
    }
}
