package dev.redflag.notify.route;

import java.io.Serializable;

/**
 * A named destination that routes refer to. A receiver without integrations is allowed and
 * drops what reaches it, which is how Alertmanager users write "route these nowhere".
 *
 * @param slack the Slack integration, or null
 */
public record Receiver(String name, Slack slack) implements Serializable {

    /** @param channel e.g. {@code #alerts} */
    public record Slack(String channel) implements Serializable {
    }
}
