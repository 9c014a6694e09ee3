package dev.redflag.notify.slack;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;

/**
 * The Gson of Slack's own client ({@code GsonFactory.createSnakeCase()} lives in slack-api-client,
 * which we do not ship): snake_case field names and Slack's adapters for the block interfaces, so
 * the model classes serialise exactly as Slack's SDK sends them. Null fields are left out; fields
 * come in the model classes' declaration order. HTML escaping is off so that payloads stay
 * readable in logs and golden files (a bare {@code <} is as valid JSON as its escaped form).
 */
final class SlackJson {

    /** Immutable and thread-safe, as every Gson. */
    static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory())
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory())
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory())
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory())
            .disableHtmlEscaping()
            .create();

    private SlackJson() {
    }
}
