package dev.redflag.nab;

/**
 * A labelled anomaly window as an inclusive range of row indexes of its file.
 *
 * @param first the row whose timestamp is the window's start
 * @param last  the row whose timestamp is the window's end
 */
public record Window(int first, int last) {

    public Window {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("window rows " + first + ".." + last);
        }
    }

    /** Rows in the window. */
    public int size() {
        return last - first + 1;
    }

    public boolean contains(int row) {
        return row >= first && row <= last;
    }
}
