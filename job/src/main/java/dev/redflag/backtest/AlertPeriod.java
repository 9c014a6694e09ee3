package dev.redflag.backtest;

/**
 * One stretch of time an alert was firing for one series, from its firing transition to its
 * resolution ({@code end} is Long.MAX_VALUE when it was still firing at the end of the history).
 */
public record AlertPeriod(String alert, String fingerprint, long start, long end) {

    public boolean isOpen() {
        return end == Long.MAX_VALUE;
    }
}
