package dev.redflag.deploy;

/**
 * One PromQL expression the deployment files send to Prometheus, and where it comes from.
 *
 * @param source    the file, e.g. {@code kpi-overview.json} or {@code redflag-health.rules.yml}
 * @param name      what in the file: {@code panel "Bounce rate by page" A}, {@code variable $tenant},
 *                  {@code annotation "Alert transitions"}, {@code alert RedflagNoEvents}, ...
 * @param expr      as written, Grafana variables included
 * @param dashboard the dashboard it belongs to; null for rule files
 */
record Query(String source, String name, Kind kind, String expr, Dashboards.Dashboard dashboard) {

    enum Kind {
        /** a panel target */
        PANEL,
        /** a template variable's query: {@code label_values(...)}, {@code metrics(...)}, ... */
        VARIABLE,
        /** an annotation query */
        ANNOTATION,
        /** an alerting rule's expr */
        ALERT,
        /** a recording rule's expr */
        RECORD
    }

    /** How lists and failure messages name it: {@code kpi-overview.json: panel "Churn rate" A}. */
    String id() {
        return source + ": " + name;
    }

    @Override
    public String toString() {
        return id();
    }
}
