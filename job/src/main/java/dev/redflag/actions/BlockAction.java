package dev.redflag.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The part of a Slack {@code block_actions} interaction payload the service acts on: who clicked,
 * in which channel, on which message, which element. Slack posts it form-encoded as
 * {@code payload=<json>}; the message comes back whole, blocks included, which is what the status
 * update edits and where the Snooze menu finds its alert.
 *
 * @param value          the clicked button's value; null for the menu
 * @param selectedOption the chosen menu option's value; null for a button
 * @param blocksJson     the message's {@code blocks} array as JSON
 */
record BlockAction(String userId, String userName, String channelId, String channelName, String messageTs,
                   String messageText, String blocksJson, String actionId, String blockId, String value,
                   String selectedOption, String responseUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a form-encoded body.
     *
     * @throws IllegalArgumentException when it is not a {@code block_actions} payload with exactly
     *                                  one action on a message
     */
    static BlockAction fromForm(String body) {
        String payload = null;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("payload")) {
                if (payload != null) {
                    throw new IllegalArgumentException("two payload fields");
                }
                try {
                    payload = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("payload is not form-encoded", e);
                }
            }
        }
        if (payload == null) {
            throw new IllegalArgumentException("no payload field");
        }
        return fromJson(payload);
    }

    static BlockAction fromJson(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        if (!"block_actions".equals(text(root, "type"))) {
            throw new IllegalArgumentException("not a block_actions payload: " + text(root, "type"));
        }
        JsonNode actions = root.path("actions");
        if (!actions.isArray() || actions.size() != 1) {
            throw new IllegalArgumentException("a block_actions payload from a button has exactly one action");
        }
        JsonNode action = actions.get(0);
        JsonNode user = root.path("user");
        JsonNode channel = root.path("channel");
        JsonNode message = root.path("message");
        JsonNode blocks = message.path("blocks");
        if (!blocks.isArray()) {
            throw new IllegalArgumentException("the payload carries no message blocks");
        }
        String messageTs = text(root.path("container"), "message_ts");
        return new BlockAction(required(user, "id", "user.id"), userName(user),
                required(channel, "id", "channel.id"), text(channel, "name"),
                messageTs != null ? messageTs : required(message, "ts", "message.ts"),
                text(message, "text"), blocks.toString(),
                required(action, "action_id", "actions[0].action_id"), text(action, "block_id"),
                text(action, "value"), text(action.path("selected_option"), "value"), text(root, "response_url"));
    }

    /** Slack sends {@code username} and, on older apps, {@code name}. */
    private static String userName(JsonNode user) {
        String name = text(user, "username");
        return name != null ? name : text(user, "name");
    }

    private static String required(JsonNode node, String field, String path) {
        String text = text(node, field);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the payload has no " + path);
        }
        return text;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The value of the element {@code actionId} in the block {@code blockId} of the message; null if none. */
    String elementValue(String inBlock, String elementActionId) {
        try {
            for (JsonNode block : JSON.readTree(blocksJson)) {
                if (inBlock.equals(text(block, "block_id"))) {
                    for (JsonNode element : block.path("elements")) {
                        if (elementActionId.equals(text(element, "action_id"))) {
                            return text(element, "value");
                        }
                    }
                }
            }
        } catch (JsonProcessingException e) {
            return null;
        }
        return null;
    }
}
