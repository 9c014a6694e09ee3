package dev.redflag.scorecard;

/** How big a scorecard: the same grid, run over a few seeds or over many. */
public enum GridSize {
    /** Two seeds: every KPI, volume, incident and length, and the quiet histories; seconds. */
    small(2),
    /** Ten seeds: the figures for the docs; minutes. */
    full(10);

    private final int defaultSeeds;

    GridSize(int defaultSeeds) {
        this.defaultSeeds = defaultSeeds;
    }

    public int defaultSeeds() {
        return defaultSeeds;
    }
}
