package dev.redflag.config;

import java.util.Locale;

/** Decides which Kafka client properties hold credentials, so they are never printed. */
final class Secrets {

    static final String MASK = "***";

    private static final String[] MARKERS = {"password", "secret", "token", "sasl.jaas.config"};

    private Secrets() {
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String marker : MARKERS) {
            if (k.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
