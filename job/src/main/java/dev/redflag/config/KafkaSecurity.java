package dev.redflag.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How every Kafka client redflag creates (the job's sources and sinks, the start-up check, rules and
 * silence push, the feed, backtests) proves who it is and whom it trusts: TLS with a truststore,
 * SASL SCRAM or PLAIN with a user and password. The passwords come from the environment or a secret
 * file only, never from the config file, and print as {@code ***}; {@link #clientProperties()}
 * is the one place they become client settings.
 *
 * @param protocol           Kafka's {@code security.protocol}
 * @param mechanism          the SASL mechanism; ignored without SASL
 * @param username           the SASL user; empty without SASL
 * @param password           the SASL password; null without SASL
 * @param truststore         path of the truststore file; empty for the JVM's default CAs
 * @param truststorePassword the truststore's password; null when it has none
 */
public record KafkaSecurity(Protocol protocol, Mechanism mechanism, String username, Secret password,
                            String truststore, Secret truststorePassword) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The SASL password's variable; {@code <name>_FILE} names a file holding it instead. */
    public static final String PASSWORD_VARIABLE = "REDFLAG_KAFKA_SECURITY_PASSWORD";
    /** The truststore password's variable; {@code <name>_FILE} names a file holding it instead. */
    public static final String TRUSTSTORE_PASSWORD_VARIABLE = "REDFLAG_KAFKA_SECURITY_TRUSTSTORE_PASSWORD";

    /** The client properties this type sets; {@code kafka.properties} may not set them as well. */
    public static final Set<String> MANAGED_PROPERTIES = Set.of("security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password");

    /** No TLS, no SASL: Kafka's default, and the client properties of {@code kafka.properties} alone. */
    public static final KafkaSecurity NONE = new KafkaSecurity(Protocol.PLAINTEXT, Mechanism.SCRAM_SHA_512, "", null,
            "", null);

    /** Kafka's {@code security.protocol} values. */
    public enum Protocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        public boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        public boolean tls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms a user and password log in with. */
    public enum Mechanism {
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka's {@code sasl.mechanism} takes, e.g. {@code SCRAM-SHA-512}. */
        public String kafkaName() {
            return kafkaName;
        }

        /** @throws IllegalArgumentException naming the mechanisms there are */
        public static Mechanism parse(String text) {
            for (Mechanism m : values()) {
                if (m.kafkaName.equalsIgnoreCase(text.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN");
        }
    }

    public KafkaSecurity {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mechanism, "mechanism");
        username = username == null ? "" : username;
        truststore = truststore == null ? "" : truststore;
        if (protocol.sasl() && (username.isEmpty() || password == null)) {
            throw new IllegalArgumentException(protocol + " needs a user and a password");
        }
    }

    /**
     * The client properties that say so: none for {@link Protocol#PLAINTEXT} (then
     * {@code kafka.properties} alone decides), otherwise {@code security.protocol}, with SASL
     * {@code sasl.mechanism} and a {@code sasl.jaas.config} holding the user and password, with TLS
     * and a truststore its location and password. Kafka's clients print {@code sasl.jaas.config}
     * and {@code ssl.truststore.password} as {@code [hidden]}.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new TreeMap<>();
        if (protocol == Protocol.PLAINTEXT) {
            return p;
        }
        p.put("security.protocol", protocol.name());
        if (protocol.sasl()) {
            p.put("sasl.mechanism", mechanism.kafkaName());
            p.put("sasl.jaas.config", mechanism.loginModule + " required username=\"" + jaasQuoted(username)
                    + "\" password=\"" + jaasQuoted(password.reveal()) + "\";");
        }
        if (protocol.tls() && !truststore.isEmpty()) {
            p.put("ssl.truststore.location", truststore);
            if (truststorePassword != null) {
                p.put("ssl.truststore.password", truststorePassword.reveal());
            }
        }
        return p;
    }

    /** The text with the passwords masked, for messages that quote a broker's or a client's words. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret secret : new Secret[] {password, truststorePassword}) {
            if (secret != null && !secret.reveal().isEmpty()) {
                out = out.replace(secret.reveal(), Secrets.MASK);
            }
        }
        return out;
    }

    /** Kafka reads JAAS values with a {@link java.io.StreamTokenizer}: a backslash escapes the next character. */
    static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Who the clients log in as, for messages: {@code user 'redflag' (SCRAM-SHA-512)}, or the protocol. */
    public String describe() {
        return switch (protocol) {
            case PLAINTEXT -> "no authentication (PLAINTEXT)";
            case SSL -> "TLS without a user (SSL)";
            default -> "user '" + username + "' (" + mechanism.kafkaName() + " over " + protocol + ")";
        };
    }
}
