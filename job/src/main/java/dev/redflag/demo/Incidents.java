package dev.redflag.demo;

import java.time.Duration;
import java.util.List;

/**
 * The demo's default incident script. The times are chosen for 1-hour KPI windows: every
 * incident spans at least three whole windows, and they are staggered so each alert can be told
 * apart, with a quiet first two hours that give baselines to compare against. Offsets are from the
 * simulation start:
 *
 * <table>
 *   <caption>Default script</caption>
 *   <tr><th>tenant</th><th>incident</th><th>from</th><th>to</th><th>baseline</th></tr>
 *   <tr><td>globex</td><td>conversion of channel {@code ads} ×0.2</td><td>+2h</td><td>+5h</td>
 *       <td>0.035</td></tr>
 *   <tr><td>acme</td><td>MQL→SQL stall on channel {@code ads}: MQLs keep arriving, no SQL at
 *       all</td><td>+4h</td><td>+12h</td><td>40% of MQLs reach SQL 30–240 min later</td></tr>
 *   <tr><td>acme</td><td>bounce rate of {@code /pricing} at 0.75</td><td>+6h</td><td>+9h</td>
 *       <td>0.30</td></tr>
 *   <tr><td>globex</td><td>NPS of segment {@code enterprise} at −20</td><td>+8h</td>
 *       <td>+11h</td><td>+30</td></tr>
 *   <tr><td>acme</td><td>subscriber churn ×8 (about 0.8%/h)</td><td>+10h</td><td>+13h</td>
 *       <td>0.1%/h</td></tr>
 * </table>
 *
 * The script ends 13 hours in ({@link #SCRIPT_LENGTH}); starting the simulation that long (plus
 * a margin) before the wall clock lets a fast-forwarded demo replay all of it within minutes.
 */
public final class Incidents {

    /** When the last scripted incident ends, relative to the simulation start. */
    public static final Duration SCRIPT_LENGTH = Duration.ofHours(13);

    private Incidents() {
    }

    /** The default script described above; it targets {@link TrafficModel#defaults()}. */
    public static List<Incident> scripted() {
        return List.of(
                Incident.conversionDrop("globex", "ads", 0.2, hours(2), hours(3)),
                Incident.mqlSqlStall("acme", "ads", hours(4), hours(8)),
                Incident.bounceSpike("acme", "/pricing", 0.75, hours(6), hours(3)),
                Incident.npsDrop("globex", "enterprise", -20, hours(8), hours(3)),
                Incident.churnRise("acme", 8, hours(10), hours(3)));
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }
}
