package dev.redflag.notify.slack;

/**
 * Slack rejects a whole message ({@code invalid_blocks}) when one block breaks a limit, and a
 * rejected alert is a lost alert: every block is built within these.
 */
final class SlackLimits {

    static final int MAX_BLOCKS = 50;
    static final int HEADER_TEXT = 150;
    static final int SECTION_TEXT = 3000;
    static final int CONTEXT_TEXT = 3000;
    static final int FALLBACK_TEXT = 3000;
    static final int BUTTON_URL = 3000;

    private SlackLimits() {
    }
}
