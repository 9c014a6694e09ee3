package dev.redflag.nab;

import java.util.List;

/**
 * One NAB data file: its rows in file order and its labelled windows as row ranges. The
 * timestamps are the file's local date-times read as UTC epoch millis, so hour of day and day of
 * week are those of the data's own clock. Files are not always sorted or free of duplicate
 * timestamps (see docs/detection.md), so nothing here assumes it.
 *
 * <p>The arrays are shared, not copied: nobody modifies them after reading.
 *
 * @param name NAB's key, {@code <category>/<file>.csv}
 */
public record NabSeries(String name, long[] timestamps, double[] values, List<Window> windows) {

    public NabSeries {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.length + " timestamps, "
                    + values.length + " values");
        }
        windows = List.copyOf(windows);
    }

    public int rows() {
        return values.length;
    }

    /** The file name without category and extension, e.g. {@code exchange-3_cpc_results}. */
    public String shortName() {
        int slash = name.lastIndexOf('/');
        String file = name.substring(slash + 1);
        return file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
    }
}
