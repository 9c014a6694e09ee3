package dev.redflag.notify.slack;

/**
 * Slack rejects a whole message ({@code invalid_blocks}) when one block breaks a limit, and a
 * rejected alert is a lost alert: every block is built within these (the alert messages' and the
 * weekly digest's).
 */
public final class SlackLimits {

    public static final int MAX_BLOCKS = 50;
    public static final int HEADER_TEXT = 150;
    public static final int SECTION_TEXT = 3000;
    public static final int CONTEXT_TEXT = 3000;
    public static final int FALLBACK_TEXT = 3000;
    public static final int BUTTON_URL = 3000;

    private SlackLimits() {
    }
}
