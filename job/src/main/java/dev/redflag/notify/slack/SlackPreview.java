package dev.redflag.notify.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * A Slack payload as a person reads it in a terminal: the channel and the header on the first
 * line, then each section's text (an indented paragraph starting with {@code >}), its fields and
 * buttons such as {@code [Runbook] [Grafana]}, and the context lines. It reads the JSON that is
 * posted, so the preview cannot say anything the message does not; text is shown as sent, Slack's
 * escapes ({@code &lt;}) and mrkdwn included.
 */
public final class SlackPreview {

    private static final String PARAGRAPH = "  > ";
    private static final String INDENT = "    ";
    private static final String CONTEXT = "  ";

    private SlackPreview() {
    }

    /** The preview of a {@code chat.postMessage} (or webhook) body, lines joined by {@code \n}, no final newline. */
    public static String of(String payloadJson) {
        JsonObject payload = JsonParser.parseString(payloadJson).getAsJsonObject();
        JsonArray blocks = payload.has("blocks") ? payload.getAsJsonArray("blocks") : new JsonArray();
        List<String> lines = new ArrayList<>();
        int first = 0;
        String title = string(payload, "text");
        if (!blocks.isEmpty() && "header".equals(type(blocks.get(0)))) {
            title = text(blocks.get(0).getAsJsonObject());
            first = 1;
        }
        StringBuilder head = new StringBuilder("Slack");
        String channel = string(payload, "channel");
        if (!channel.isEmpty()) {
            head.append(' ').append(channel);
        }
        String thread = string(payload, "thread_ts");
        if (!thread.isEmpty()) {
            head.append(" (reply in thread ").append(thread).append(')');
        }
        lines.add(head.append(": ").append(title).toString());
        for (int i = first; i < blocks.size(); i++) {
            block(blocks.get(i).getAsJsonObject(), lines);
        }
        return String.join("\n", lines);
    }

    private static void block(JsonObject block, List<String> lines) {
        switch (type(block)) {
            case "header" -> lines.add(CONTEXT + text(block));
            case "section" -> {
                String text = text(block);
                String prefix = PARAGRAPH;
                for (String line : text.isEmpty() ? List.<String>of() : text.lines().toList()) {
                    lines.add(prefix + line);
                    prefix = INDENT;
                }
                if (block.has("fields")) {
                    for (JsonElement field : block.getAsJsonArray("fields")) {
                        for (String line : string(field.getAsJsonObject(), "text").lines().toList()) {
                            lines.add(prefix + line);
                            prefix = INDENT;
                        }
                    }
                }
                if (block.has("accessory")) {
                    lines.add(prefix + element(block.getAsJsonObject("accessory")));
                }
            }
            case "actions" -> {
                List<String> elements = new ArrayList<>();
                for (JsonElement e : block.getAsJsonArray("elements")) {
                    elements.add(element(e.getAsJsonObject()));
                }
                lines.add(INDENT + String.join(" ", elements));
            }
            case "context" -> {
                for (JsonElement e : block.getAsJsonArray("elements")) {
                    JsonObject element = e.getAsJsonObject();
                    String text = element.has("text") ? string(element, "text") : "[" + string(element, "alt_text") + "]";
                    text.lines().forEach(line -> lines.add(CONTEXT + line));
                }
            }
            case "divider" -> lines.add(CONTEXT + "---");
            default -> lines.add(CONTEXT + "(" + type(block) + " block)");
        }
    }

    /**
     * A button or other interactive element as {@code [its label]}; a menu without a label of its
     * own (Slack's overflow "⋯") as its options, {@code [Snooze 1 hour | Snooze 1 day]}.
     */
    private static String element(JsonObject element) {
        if (element.has("text")) {
            return "[" + text(element) + "]";
        }
        if (element.has("options")) {
            List<String> options = new ArrayList<>();
            for (JsonElement option : element.getAsJsonArray("options")) {
                options.add(text(option.getAsJsonObject()));
            }
            return "[" + String.join(" | ", options) + "]";
        }
        return "[" + string(element, "type") + "]";
    }

    /** The {@code text} of a block or element: a text object's own text. */
    private static String text(JsonObject owner) {
        JsonElement text = owner.get("text");
        if (text == null || text.isJsonNull()) {
            return "";
        }
        return text.isJsonObject() ? string(text.getAsJsonObject(), "text") : text.getAsString();
    }

    private static String type(JsonElement block) {
        return string(block.getAsJsonObject(), "type");
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }
}
