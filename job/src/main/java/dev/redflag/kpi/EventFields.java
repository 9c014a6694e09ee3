package dev.redflag.kpi;

import dev.redflag.event.AdSpendEvent;
import dev.redflag.event.EmailEvent;
import dev.redflag.event.Event;
import dev.redflag.event.EventType;
import dev.redflag.event.LeadEvent;
import dev.redflag.event.MetricEvent;
import dev.redflag.event.NpsEvent;
import dev.redflag.event.OrderEvent;
import dev.redflag.event.SessionEvent;
import dev.redflag.event.SubscriptionEvent;
import dev.redflag.event.WalletEvent;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Resolves field names used in KPI definitions ({@code by}, {@code where}, {@code field}) to
 * accessors once, when definitions load, so that the per-event path is a plain method call with no
 * reflection or map lookup by name. A name that is not a field of the type reads the event's free
 * {@code dims}.
 */
public final class EventFields {

    /** Value of a dimension for events whose {@code dims} lack it. */
    public static final String UNKNOWN = "unknown";

    private EventFields() {
    }

    /** Reads a string view of a field. */
    @FunctionalInterface
    public interface StringField extends Serializable {
        String get(Event event);
    }

    /** Reads a numeric field. */
    @FunctionalInterface
    public interface NumberField extends Serializable {
        double get(Event event);
    }

    /** The named string fields of a type (besides {@code tenant}); anything else is a free dim. */
    public static List<String> stringFieldNames(EventType type) {
        return switch (type) {
            case SESSION -> List.of("session_id", "page", "channel", "converted", "bounced");
            case LEAD -> List.of("lead_id", "stage", "channel", "owner");
            case NPS -> List.of("respondent_id", "segment", "product", "category");
            case SUBSCRIPTION -> List.of("customer_id", "action", "plan");
            case ORDER -> List.of("order_id", "customer_id", "channel", "new_customer");
            case AD_SPEND -> List.of("channel", "campaign");
            case EMAIL -> List.of("campaign", "action");
            case WALLET -> List.of("player_id", "action");
            case METRIC -> List.of("name");
        };
    }

    /** The numeric fields of a type. */
    public static List<String> numberFieldNames(EventType type) {
        return switch (type) {
            case SESSION -> List.of("pageviews", "duration_s", "revenue");
            case LEAD, EMAIL -> List.of();
            case NPS -> List.of("score");
            case SUBSCRIPTION -> List.of("mrr");
            case ORDER -> List.of("amount", "margin");
            case AD_SPEND -> List.of("cost", "impressions", "clicks");
            case WALLET -> List.of("amount");
            case METRIC -> List.of("value");
        };
    }

    /**
     * A string accessor for {@code name} on events of {@code type}: {@code tenant}, a named field of
     * the type, {@code dims.X}, or else the free dim {@code name}.
     */
    public static StringField string(EventType type, String name) {
        if (name.equals("tenant")) {
            return Event::tenant;
        }
        if (name.startsWith("dims.")) {
            return freeDim(name.substring("dims.".length()));
        }
        StringField named = namedString(type, name);
        return named != null ? named : freeDim(name);
    }

    /** True when {@code name} is {@code tenant} or a named string field of {@code type}. */
    public static boolean isNamedString(EventType type, String name) {
        return name.equals("tenant") || namedString(type, name) != null;
    }

    /** A numeric accessor, or null when {@code type} has no numeric field {@code name}. */
    public static NumberField number(EventType type, String name) {
        return switch (type) {
            case SESSION -> switch (name) {
                case "pageviews" -> e -> ((SessionEvent) e).pageviews();
                case "duration_s" -> e -> ((SessionEvent) e).durationS();
                case "revenue" -> e -> ((SessionEvent) e).revenue();
                default -> null;
            };
            case NPS -> name.equals("score") ? e -> ((NpsEvent) e).score() : null;
            case SUBSCRIPTION -> name.equals("mrr") ? e -> ((SubscriptionEvent) e).mrr() : null;
            case ORDER -> switch (name) {
                case "amount" -> e -> ((OrderEvent) e).amount();
                case "margin" -> e -> ((OrderEvent) e).margin();
                default -> null;
            };
            case AD_SPEND -> switch (name) {
                case "cost" -> e -> ((AdSpendEvent) e).cost();
                case "impressions" -> e -> ((AdSpendEvent) e).impressions();
                case "clicks" -> e -> ((AdSpendEvent) e).clicks();
                default -> null;
            };
            case WALLET -> name.equals("amount") ? e -> ((WalletEvent) e).amount() : null;
            case METRIC -> name.equals("value") ? e -> ((MetricEvent) e).value() : null;
            case LEAD, EMAIL -> null;
        };
    }

    private static StringField freeDim(String dim) {
        return e -> e.dims().getOrDefault(dim, UNKNOWN);
    }

    /** Lower-case wire names by ordinal, made once per accessor so reading one allocates nothing. */
    private static String[] lower(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> v : values) {
            names[v.ordinal()] = v.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    /** Reads the ordinal of an enum field; serializable, as accessors travel inside Flink functions. */
    @FunctionalInterface
    private interface Ordinal extends Serializable {
        int of(Event event);
    }

    private static StringField enumField(Enum<?>[] values, Ordinal ordinal) {
        String[] names = lower(values);
        return e -> names[ordinal.of(e)];
    }

    private static StringField namedString(EventType type, String name) {
        return switch (type) {
            case SESSION -> switch (name) {
                case "session_id" -> e -> ((SessionEvent) e).sessionId();
                case "page" -> e -> ((SessionEvent) e).page();
                case "channel" -> e -> ((SessionEvent) e).channel();
                case "converted" -> e -> Boolean.toString(((SessionEvent) e).converted());
                case "bounced" -> e -> Boolean.toString(((SessionEvent) e).bounced());
                default -> null;
            };
            case LEAD -> switch (name) {
                case "lead_id" -> e -> ((LeadEvent) e).leadId();
                case "stage" -> enumField(LeadEvent.LeadStage.values(), e -> ((LeadEvent) e).stage().ordinal());
                case "channel" -> e -> ((LeadEvent) e).channel();
                case "owner" -> e -> ((LeadEvent) e).owner();
                default -> null;
            };
            case NPS -> switch (name) {
                case "respondent_id" -> e -> ((NpsEvent) e).respondentId();
                case "segment" -> e -> ((NpsEvent) e).segment();
                case "product" -> e -> ((NpsEvent) e).product();
                case "category" -> e -> npsCategory((NpsEvent) e);
                default -> null;
            };
            case SUBSCRIPTION -> switch (name) {
                case "customer_id" -> e -> ((SubscriptionEvent) e).customerId();
                case "action" -> enumField(SubscriptionEvent.Action.values(),
                        e -> ((SubscriptionEvent) e).action().ordinal());
                case "plan" -> e -> ((SubscriptionEvent) e).plan();
                default -> null;
            };
            case ORDER -> switch (name) {
                case "order_id" -> e -> ((OrderEvent) e).orderId();
                case "customer_id" -> e -> ((OrderEvent) e).customerId();
                case "channel" -> e -> ((OrderEvent) e).channel();
                case "new_customer" -> e -> Boolean.toString(((OrderEvent) e).newCustomer());
                default -> null;
            };
            case AD_SPEND -> switch (name) {
                case "channel" -> e -> ((AdSpendEvent) e).channel();
                case "campaign" -> e -> ((AdSpendEvent) e).campaign();
                default -> null;
            };
            case EMAIL -> switch (name) {
                case "campaign" -> e -> ((EmailEvent) e).campaign();
                case "action" -> enumField(EmailEvent.Action.values(), e -> ((EmailEvent) e).action().ordinal());
                default -> null;
            };
            case WALLET -> switch (name) {
                case "player_id" -> e -> ((WalletEvent) e).playerId();
                case "action" -> enumField(WalletEvent.Action.values(), e -> ((WalletEvent) e).action().ordinal());
                default -> null;
            };
            case METRIC -> name.equals("name") ? e -> ((MetricEvent) e).name() : null;
        };
    }

    private static String npsCategory(NpsEvent e) {
        if (e.promoter()) {
            return "promoter";
        }
        return e.detractor() ? "detractor" : "passive";
    }
}
