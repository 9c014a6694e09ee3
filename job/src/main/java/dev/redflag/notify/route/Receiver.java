package dev.redflag.notify.route;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A named destination that routes refer to. A receiver without integrations is allowed and
 * drops what reaches it, which is how Alertmanager users write "route these nowhere".
 *
 * @param slack the Slack integration, or null
 */
public record Receiver(String name, Slack slack) implements Serializable {

    /**
     * @param channel           e.g. {@code #alerts}
     * @param timeZone          where its people are: the zone of "Snooze until Monday 09:00" and of
     *                          the times in the status lines {@code redflag slack-actions} writes
     * @param snoozeUserGroups  Slack user group ids ({@code S0123ABC}) whose members may snooze its
     *                          alerts; empty for every member of the channel
     */
    public record Slack(String channel, ZoneId timeZone, List<String> snoozeUserGroups) implements Serializable {

        public Slack {
            Objects.requireNonNull(channel, "channel");
            timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
            snoozeUserGroups = List.copyOf(snoozeUserGroups);
        }

        public Slack(String channel) {
            this(channel, ZoneOffset.UTC, List.of());
        }
    }
}
