package dev.redflag.report;

/** {@link DigestHistory} as the files {@code redflag report --alerts/--feedback/--rules} reads, for the command's tests. */
public final class DigestHistoryFiles {

    public static final String RULES = DigestHistory.RULES;

    private DigestHistoryFiles() {
    }

    public static String alertLines() {
        return DigestHistory.alertLines();
    }

    public static String feedbackLines() {
        return DigestHistory.feedbackLines();
    }
}
