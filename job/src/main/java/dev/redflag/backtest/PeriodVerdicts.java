package dev.redflag.backtest;

import dev.redflag.alert.feedback.Feedback;
import dev.redflag.alert.feedback.Verdict;
import dev.redflag.kpi.KpiCatalog;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verdicts people gave in Slack, laid on the firing periods of a backtest. A verdict names the
 * live firing period it was given on by fingerprint and start; a backtest of the rules that were
 * live finds the same period with the same fingerprint and start, and takes its verdict. When the
 * fingerprint differs (the rule's labels or name changed between the live version and the one
 * backtested) the verdict goes to the period of the same series, as the comparison names series
 * (alert name and the KPI series' dimensions), that was firing when the live period started
 * ({@code start <= starts_at < end}). Either way, of several verdicts on one period the latest
 * counts, as in {@link Verdicts}.
 *
 * @param verdicts  the judged periods and their verdicts, in the order of the timeline
 * @param unmatched verdicts that judged no period (given on periods outside the history, or on
 *                  alerts these rules do not have)
 */
public record PeriodVerdicts(Map<FiringPeriod, Verdict> verdicts, int unmatched) {

    public static PeriodVerdicts of(List<FiringPeriod> periods, Collection<Feedback> feedback, KpiCatalog catalog) {
        Verdicts byKey = Verdicts.of(feedback);
        List<Feedback> records = byKey.verdictRecords();
        Set<Feedback> used = new HashSet<>();
        Map<FiringPeriod, Verdict> out = new LinkedHashMap<>();
        for (FiringPeriod p : periods) {
            Optional<Feedback> exact = records.stream()
                    .filter(f -> f.fingerprint().equals(p.fingerprint()) && f.startsAt().toEpochMilli() == p.start())
                    .findFirst();
            Optional<Feedback> judged = exact.isPresent() ? exact : latestWithin(p, records, catalog);
            judged.ifPresent(f -> {
                used.add(f);
                out.put(p, f.verdict().orElseThrow());
            });
        }
        return new PeriodVerdicts(out, (int) records.stream().filter(f -> !used.contains(f)).count());
    }

    /** The latest verdict on a live period of the same series that started while {@code p} fired. */
    private static Optional<Feedback> latestWithin(FiringPeriod p, List<Feedback> records, KpiCatalog catalog) {
        Feedback latest = null;
        for (Feedback f : records) {
            long start = f.startsAt().toEpochMilli();
            if (start >= p.start() && start < p.end() && f.alertname().equals(p.alert())
                    && series(f, catalog).dims().equals(p.series().dims())
                    && (latest == null || !f.at().isBefore(latest.at()))) {
                latest = f;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static AlertSeries series(Feedback f, KpiCatalog catalog) {
        return AlertSeries.of(f.labels().get("kpi"), f.labels().get("window"), f.labels(), catalog);
    }

    public Optional<Verdict> of(FiringPeriod p) {
        return Optional.ofNullable(verdicts.get(p));
    }
}
