package dev.redflag.nab;

import dev.redflag.rules.Condition;
import dev.redflag.rules.Condition.AnomalyMethod;

import java.util.List;

/**
 * The parameter set of each detector that {@code redflag nab} scores: one per detector for the
 * whole corpus, each chosen by the same rule: the windows with the best standard NAB score over all
 * 58 files on a small grid (ties would go to fewer windows). The onset window was chosen that way
 * on range (0, 48, 96, 144 values) and is the same for every detector. The grids:
 *
 * <ul>
 *   <li>range: windows 500, 750, 1000, 1500, 2000; with season day 500, 1000, 1500, 2000;</li>
 *   <li>ewma and robust_z, with and without season day: windows 48, 288, 1000.</li>
 * </ul>
 *
 * docs/detection.md lists the grid's scores; {@code season: week} was tried on
 * range and left out (most NAB files span two weeks or less, so three weeks back rarely exist).
 */
public final class NabDetectors {

    /** The onset window of every detector: 96 values (8 hours of 5-minute data). */
    public static final int ONSET = 96;

    private NabDetectors() {
    }

    public static List<NabDetector> all() {
        return List.of(
                detector("range", AnomalyMethod.RANGE, 1500, null),
                detector("seasonal_range", AnomalyMethod.RANGE, 1000, Condition.Season.DAY),
                detector("ewma", AnomalyMethod.EWMA, 1000, null),
                detector("seasonal_ewma", AnomalyMethod.EWMA, 1000, Condition.Season.DAY),
                detector("robust_z", AnomalyMethod.ROBUST_Z, 1000, null),
                detector("seasonal_robust_z", AnomalyMethod.ROBUST_Z, 1000, Condition.Season.DAY));
    }

    private static NabDetector detector(String name, AnomalyMethod method, int windows, Condition.Season season) {
        return new NabDetector(name, new Condition.Anomaly(method, windows, 5, null, season), ONSET);
    }
}
