package dev.redflag.pipeline;

import dev.redflag.notify.delivery.PendingPolicy;
import dev.redflag.notify.route.Receiver;
import dev.redflag.notify.route.Route;
import dev.redflag.notify.route.RouteTree;
import dev.redflag.notify.slack.SlackSink;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the live job notifies: the routing tree (null for no notification groups at all) and where
 * the Slack endpoint comes from.
 */
public record Notifications(RouteTree routes, SlackSink.EndpointSource slack) implements Serializable {

    public static Notifications none() {
        return new Notifications(null, SlackSink.EndpointSource.environment());
    }

    public static Notifications routedBy(RouteTree routes) {
        return new Notifications(routes, SlackSink.EndpointSource.environment());
    }

    public Notifications withSlack(SlackSink.EndpointSource source) {
        return new Notifications(routes, source);
    }

    /** Route id to how its groups' notifications wait while their receiver is down. */
    public Map<String, PendingPolicy> pendingPolicies() {
        Map<String, PendingPolicy> policies = new TreeMap<>();
        if (routes != null) {
            collect(routes.root(), policies);
        }
        return policies;
    }

    private static void collect(Route route, Map<String, PendingPolicy> into) {
        into.put(route.id(), new PendingPolicy(route.groupInterval(), route.sendEveryTransition()));
        route.routes().forEach(child -> collect(child, into));
    }

    /** Receiver name to Slack channel, for the receivers that post to Slack. */
    public Map<String, String> slackChannels() {
        Map<String, String> channels = new TreeMap<>();
        if (routes != null) {
            for (Receiver r : routes.receivers().values()) {
                if (r.slack() != null) {
                    channels.put(r.name(), r.slack().channel());
                }
            }
        }
        return channels;
    }
}
