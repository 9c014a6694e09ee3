package dev.redflag.notify.slack;

/**
 * Text that reaches Slack from alerts is written by rules and by data, and Slack reads {@code <...>}
 * as mentions and links ({@code <!channel>}, {@code <@U123>}, {@code <https://x|y>}): escaping it is
 * what keeps a page called {@code <!channel>} from paging a whole channel. Slack's limits are
 * counted on the escaped text, so cutting happens after escaping and never splits an entity or a
 * surrogate pair.
 */
public final class SlackText {

    /** What a cut text ends with. */
    public static final String ELLIPSIS = "…";

    private static final int LONGEST_ENTITY = "&amp;".length();

    private SlackText() {
    }

    /** Slack's mrkdwn escaping: {@code &}, {@code <}, {@code >} as {@code &amp;}, {@code &lt;}, {@code &gt;}. */
    public static String escape(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The text itself when it has at most {@code max} chars, else its start and {@link #ELLIPSIS},
     * {@code max} chars in all (fewer when the cut moves back out of an entity or a surrogate pair).
     */
    public static String truncate(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        int cut = max - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && cut - amp < LONGEST_ENTITY && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        return text.substring(0, Math.max(cut, 0)) + ELLIPSIS;
    }
}
