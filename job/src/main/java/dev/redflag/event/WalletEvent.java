package dev.redflag.event;

import java.util.Map;

/** A wallet transaction of a player (gaming). */
public record WalletEvent(long ts, String tenant, Map<String, String> dims, String playerId,
                          Action action, double amount) implements Event {
    @Override
    public EventType type() {
        return EventType.WALLET;
    }

    public enum Action {
        DEPOSIT, BET, WIN, BONUS, WITHDRAWAL
    }
}
