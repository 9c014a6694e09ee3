package dev.redflag.report;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import dev.redflag.notify.slack.SlackLimits;
import dev.redflag.notify.slack.SlackMessage;
import dev.redflag.notify.slack.SlackText;

import java.util.ArrayList;
import java.util.List;

/**
 * A digest as a Slack message: a header, the summary, then each list (alerts per rule, noisiest
 * series, rules that never fired) as sections of bullet lines. Rule ids and label values are
 * written by people and data, so they are escaped; a list longer than a section continues in the
 * next one, and past Slack's 50 blocks the rest is left out with a line that says how much.
 */
public final class DigestBlocks {

    private DigestBlocks() {
    }

    /** The message without a channel: {@code --post-to} sets it, {@code --format blockkit} prints it. */
    public static SlackMessage message(Digest d) {
        Blocks blocks = new Blocks();
        blocks.add(HeaderBlock.builder().text(PlainTextObject.builder()
                .text(SlackText.truncate(DigestText.title(d), SlackLimits.HEADER_TEXT)).build()).build());
        blocks.add(section(DigestText.summary(d)));
        if (!d.rules().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Digest.RuleLine r : d.rules()) {
                lines.add("• " + code(r.ruleId()) + ": " + DigestText.plural(r.periods(), "firing period",
                        "firing periods") + " on " + DigestText.plural(r.series(), "series", "series") + ", firing "
                        + DigestText.duration(r.firing()) + verdicts(r) + acknowledged(r));
            }
            blocks.list("*Alerts per rule*", lines);
            lines = new ArrayList<>();
            for (Digest.SeriesLine s : d.noisiest()) {
                lines.add("• " + code(s.series()) + ": " + DigestText.plural(s.periods(), "firing period",
                        "firing periods") + ", firing " + DigestText.duration(s.firing()));
            }
            blocks.list("*Noisiest series*", lines);
        }
        if (d.neverFired() != null && !d.neverFired().isEmpty()) {
            blocks.list("*Rules that never fired*", d.neverFired().stream().map(id -> "• " + code(id)).toList());
        }
        String fallback = SlackText.truncate(SlackText.escape(DigestText.title(d) + ": " + DigestText.summary(d)),
                SlackLimits.FALLBACK_TEXT);
        return new SlackMessage(null, fallback, blocks.done(), null);
    }

    private static String verdicts(Digest.RuleLine r) {
        if (r.real() + r.falseAlarms() == 0) {
            return "";
        }
        return "; precision " + DigestText.precision(r) + " (" + r.real() + " real, "
                + DigestText.plural(r.falseAlarms(), "false alarm", "false alarms") + ")";
    }

    private static String acknowledged(Digest.RuleLine r) {
        return r.acknowledged() == 0 ? ""
                : "; " + r.acknowledged() + " acknowledged, median " + DigestText.duration(r.medianToAcknowledge());
    }

    /** Escaped for mrkdwn, in a code span (a backtick in the name would end it early). */
    private static String code(String text) {
        return "`" + SlackText.escape(text.replace('`', '\'')) + "`";
    }

    private static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder()
                .text(SlackText.truncate(mrkdwn, SlackLimits.SECTION_TEXT)).build()).build();
    }

    /** The blocks so far, kept within {@link SlackLimits#MAX_BLOCKS}, the last one kept for "left out". */
    private static final class Blocks {
        private final List<LayoutBlock> blocks = new ArrayList<>();
        private int leftOut;

        /** Only while there is room: {@link #list} stops adding lines before the blocks run out. */
        void add(LayoutBlock block) {
            blocks.add(block);
        }

        /** A heading line and bullet lines, as many sections as the lines need. */
        void list(String heading, List<String> lines) {
            StringBuilder text = new StringBuilder(heading);
            for (String line : lines) {
                String cut = SlackText.truncate(line, SlackLimits.SECTION_TEXT - heading.length() - 1);
                if (text.length() + 1 + cut.length() > SlackLimits.SECTION_TEXT) {
                    add(section(text.toString()));
                    text = new StringBuilder(heading);
                }
                if (blocks.size() >= SlackLimits.MAX_BLOCKS - 1) {
                    leftOut++;
                    continue;
                }
                text.append('\n').append(cut);
            }
            if (text.length() > heading.length()) {
                add(section(text.toString()));
            }
        }

        List<LayoutBlock> done() {
            if (leftOut > 0) {
                blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder()
                        .text("… " + DigestText.plural(leftOut, "more line", "more lines")
                                + " left out: `redflag report` prints them all").build())).build());
            }
            return blocks;
        }
    }
}
