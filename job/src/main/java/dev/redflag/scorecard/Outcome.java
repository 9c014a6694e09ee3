package dev.redflag.scorecard;

import java.util.List;

/**
 * What the rules did on one scenario, and how it counts. An incident is detected by a firing in
 * its direction in (incident start, incident end + 1 day]; its time to detect is the first such
 * firing's time minus the incident's start. Every other firing after the warm-up is a false
 * alert (in a quiet history, every firing after the warm-up); firings during the warm-up are
 * counted apart.
 *
 * @param effectSize the incident's effect in standard errors; NaN for a quiet history
 */
record Outcome(Scenario scenario, double effectSize, List<Firing> firings) {

    /** How long after an incident's end a firing still counts as detecting it. */
    static final long GRACE = Scenario.DAY;

    Outcome {
        firings = List.copyOf(firings);
    }

    boolean detected() {
        return firstDetection() != null;
    }

    /** Millis from the incident's start to its first detection; -1 when not detected. */
    long timeToDetect() {
        Firing first = firstDetection();
        return first == null ? -1 : first.at() - scenario.incidentStart();
    }

    /** Time to detect as a fraction of the incident's length; NaN when not detected. */
    double timeToDetectShare() {
        long ttd = timeToDetect();
        return ttd < 0 ? Double.NaN : (double) ttd / scenario.length().toMillis();
    }

    long falseAlerts() {
        return firings.stream().filter(f -> f.at() > scenario.warmUpEnd() && !inDetectionWindow(f)).count();
    }

    long warmUpFirings() {
        return firings.stream().filter(f -> f.at() <= scenario.warmUpEnd()).count();
    }

    private Firing firstDetection() {
        if (scenario.quiet()) {
            return null;
        }
        for (Firing f : firings) {
            if (inDetectionWindow(f) && f.directions().contains(scenario.effect().direction())) {
                return f;
            }
        }
        return null;
    }

    private boolean inDetectionWindow(Firing f) {
        return !scenario.quiet() && f.at() > scenario.incidentStart() && f.at() <= scenario.incidentEnd() + GRACE;
    }
}
