package dev.redflag.notify.route;

import dev.redflag.labels.MatcherSyntax;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.redflag.notify.route.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

class RouteTreeTest {

    private final RouteTree tree = Fixtures.routes();

    private List<String> matchedIds(String... labels) {
        return tree.match(labels(labels)).stream().map(Route::id).toList();
    }

    @Test
    void aContinuingRouteLetsTheNextMatchingSiblingTakeTheAlertToo() {
        List<Route> matched = tree.match(labels("alertname", "HighBounce", "severity", "critical",
                "team", "sales", "tenant", "acme"));
        assertThat(matched).extracting(Route::id).containsExactly("route.routes[0]", "route.routes[2]");
        assertThat(matched).extracting(Route::receiver).containsExactly("oncall", "oncall");
        assertThat(matched.get(0).continueMatching()).isTrue();
        assertThat(matched.get(0).groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(matched.get(1).groupBy()).isEqualTo(GroupBy.ALL);
    }

    @Test
    void theFirstMatchingRouteWithoutContinueStopsTheSearch() {
        assertThat(matchedIds("severity", "critical", "team", "growth", "page", "/pricing"))
                .containsExactly("route.routes[1]");
    }

    @Test
    void childrenInheritWhatTheyDoNotSetButNotMuteIntervals() {
        Route growth = tree.match(labels("team", "growth", "page", "/pricing")).get(0);
        assertThat(growth.receiver()).isEqualTo("growth-slack");
        assertThat(growth.groupBy()).isEqualTo(GroupBy.of("alertname", "page"));
        assertThat(growth.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(growth.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(growth.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(growth.muteTimeIntervals()).containsExactly("nights");

        Route blog = tree.match(labels("team", "growth", "page", "/blog/launch")).get(0);
        assertThat(blog.id()).isEqualTo("route.routes[1].routes[0]");
        assertThat(blog.receiver()).isEqualTo("growth-slack");
        assertThat(blog.groupBy()).isEqualTo(GroupBy.of("alertname", "page"));
        assertThat(blog.repeatInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(blog.muteTimeIntervals()).isEmpty();
    }

    @Test
    void anAlertNoChildTakesStaysWithTheRoot() {
        List<Route> matched = tree.match(labels("severity", "warning", "team", "sales"));
        assertThat(matched).hasSize(1);
        Route root = matched.get(0);
        assertThat(root.id()).isEqualTo("route");
        assertThat(root.receiver()).isEqualTo("default");
        assertThat(root.groupBy()).isEqualTo(GroupBy.of("alertname", "tenant"));
        assertThat(tree.match(labels())).extracting(Route::id).containsExactly("route");
    }

    @Test
    void regexesAreAnchoredAndNegationMatchesAbsentLabels() {
        assertThat(matchedIds("severity", "critical", "team", "revenue")).containsExactly("route.routes[0]",
                "route.routes[2]");
        assertThat(matchedIds("severity", "critical", "team", "salesforce")).containsExactly("route.routes[2]");
        assertThat(matchedIds("severity", "critical")).containsExactly("route.routes[2]");
        assertThat(matchedIds("team", "growth", "page", "/x/blog/a")).containsExactly("route.routes[1]");
    }

    @Test
    void receiversInhibitRulesAndIntervalsAreResolved() {
        assertThat(tree.receivers()).containsOnlyKeys("default", "oncall", "growth-slack");
        assertThat(tree.receivers().get("oncall").slack().channel()).isEqualTo("#oncall");
        assertThat(tree.inhibitRules()).singleElement().satisfies(r -> {
            assertThat(r.sourceMatchers()).extracting(MatcherSyntax::format).containsExactly("severity=\"critical\"");
            assertThat(r.equal()).containsExactly("tenant");
        });
        assertThat(tree.muteTimeIntervals()).containsOnlyKeys("nights", "unquoted");
        assertThat(tree.muteTimeIntervals().get("unquoted").times()).singleElement()
                .satisfies(t -> assertThat(t.start()).hasToString("09:30"))
                .satisfies(t -> assertThat(t.endOfDay()).isTrue());
    }
}
