package dev.redflag.nab;

/**
 * NAB's normalised score: 0 for the null detector (every window missed, {@code -A_FN × W}), 100
 * for the perfect one (every window detected on its first row and no false positive,
 * {@code A_TP × W}), with W the windows scored.
 */
public final class NabNormalisation {

    private NabNormalisation() {
    }

    public static double normalised(double raw, int windows, Profile profile) {
        double nul = -profile.fnWeight() * windows;
        double perfect = profile.tpWeight() * windows;
        return 100 * (raw - nul) / (perfect - nul);
    }
}
