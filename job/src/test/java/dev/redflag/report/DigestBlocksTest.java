package dev.redflag.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.redflag.notify.slack.SlackLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DigestBlocksTest {

    private static final Digest.RuleLine NONE = new Digest.RuleLine(null, 0, 0, Duration.ZERO, 0, 0, 0, null);

    @Test
    void namesFromRulesAndDataAreEscapedSoTheyCannotMentionOrLink() {
        Digest d = new Digest(DigestHistory.FROM, DigestHistory.UNTIL,
                List.of(new Digest.RuleLine("ops/<!channel>", 1, 1, Duration.ofHours(1), 0, 0, 0, null)),
                List.of(new Digest.SeriesLine("Down{host=\"<https://evil|click>\"}", "ops/<!channel>", 1,
                        Duration.ofHours(1))),
                List.of("ops/A&B `x`"), NONE, 0);
        String json = DigestBlocks.message(d).toJson();
        List<String> texts = sectionTexts(json);
        assertThat(texts.get(1)).isEqualTo("*Alerts per rule*\n• `ops/&lt;!channel&gt;`: 1 firing period on 1 series, "
                + "firing 1h");
        assertThat(texts.get(2)).isEqualTo("*Noisiest series*\n• `Down{host=\"&lt;https://evil|click&gt;\"}`: "
                + "1 firing period, firing 1h");
        assertThat(texts.get(3)).isEqualTo("*Rules that never fired*\n• `ops/A&amp;B 'x'`");
        assertThat(json).doesNotContain("<!channel>", "<https://evil");
    }

    @Test
    void manyRulesFillSectionsUpToSlacksLimitsAndSayHowManyLinesWereLeftOut() {
        List<Digest.RuleLine> rules = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rules.add(new Digest.RuleLine(String.format("group-%04d/%s", i, "R".repeat(60)), 1, 1,
                    Duration.ofHours(1), 0, 0, 0, null));
        }
        Digest d = new Digest(DigestHistory.FROM, DigestHistory.UNTIL, rules, List.of(), List.of(), NONE, 0);
        JsonArray blocks = JsonParser.parseString(DigestBlocks.message(d).toJson()).getAsJsonObject()
                .getAsJsonArray("blocks");
        assertThat(blocks).hasSize(SlackLimits.MAX_BLOCKS);
        List<String> texts = sectionTexts(DigestBlocks.message(d).toJson());
        assertThat(texts).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(SlackLimits.SECTION_TEXT));
        // each line is 115 chars and a newline: 25 fit in a section after the heading; 47 sections fit
        // between the summary and the closing context block
        int shown = texts.stream().skip(1).mapToInt(t -> (int) t.lines().filter(l -> l.startsWith("•")).count()).sum();
        assertThat(shown).isEqualTo(47 * 25);
        JsonObject last = blocks.get(blocks.size() - 1).getAsJsonObject();
        assertThat(last.get("type").getAsString()).isEqualTo("context");
        assertThat(last.getAsJsonArray("elements").get(0).getAsJsonObject().get("text").getAsString())
                .isEqualTo("… " + (2000 - shown) + " more lines left out: `redflag report` prints them all");
    }

    @Test
    void aSpanWithoutAlertsIsAHeaderAndOneLine() {
        Digest d = new Digest(DigestHistory.FROM, DigestHistory.UNTIL, List.of(), List.of(), null, NONE, 0);
        assertThat(DigestBlocks.message(d).toJson()).isEqualTo("{\"text\":\"redflag report, 2026-11-30 00:00 to "
                + "2026-12-07 00:00 UTC: No alert fired.\",\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":"
                + "\"plain_text\",\"text\":\"redflag report, 2026-11-30 00:00 to 2026-12-07 00:00 UTC\"}},"
                + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"No alert fired.\"}}]}");
    }

    private static List<String> sectionTexts(String json) {
        List<String> texts = new ArrayList<>();
        for (JsonElement b : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if (block.get("type").getAsString().equals("section")) {
                texts.add(block.getAsJsonObject("text").get("text").getAsString());
            }
        }
        return texts;
    }
}
