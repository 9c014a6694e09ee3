package dev.redflag.alert;

import dev.redflag.env.EnvironmentSecret;

import dev.redflag.kpi.IdPolicy;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.kpi.KpiSpec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What an alert shows in place of an example's ID under {@code ids: hash}: HMAC-SHA256 of the ID
 * under the deployment's key, its first {@value #TOKEN_HEX_DIGITS} hex digits. Keyed, so that a
 * token cannot be reversed by hashing candidate IDs without the key; deterministic, so that the
 * same person is the same token in every alert and KPI. The key comes from
 * {@code REDFLAG_EXAMPLE_ID_KEY} or the file named by {@code REDFLAG_EXAMPLE_ID_KEY_FILE}
 * (trimmed), as the Slack secrets do; it is never printed, and {@link #toString} does not show it.
 * Not thread-safe (it reuses one {@link Mac}); one per operator.
 */
public final class ExampleIds implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final String VARIABLE = "REDFLAG_EXAMPLE_ID_KEY";
    public static final String FILE_VARIABLE = EnvironmentSecret.fileVariable(VARIABLE);
    static final int TOKEN_HEX_DIGITS = 12;

    /** No key: IDs to be hashed are left out instead. */
    public static final ExampleIds NONE = new ExampleIds(null);

    private final byte[] key;
    private transient Mac mac;

    private ExampleIds(byte[] key) {
        this.key = key;
    }

    public static ExampleIds ofKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("the example ID key is empty");
        }
        return new ExampleIds(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key the environment sets; {@link #NONE} when it sets none.
     *
     * @throws IllegalArgumentException when both variables are set, or the file is empty
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static ExampleIds fromEnvironment(Map<String, String> env) {
        return EnvironmentSecret.read(env, VARIABLE).map(ExampleIds::ofKey).orElse(NONE);
    }

    /**
     * The environment's key, checked against the KPIs: one that asks for {@code ids: hash} in
     * kpis.yaml needs a key. A seed KPI's default hash without a key shows no IDs instead.
     *
     * @throws IllegalArgumentException naming the KPIs and the variables, never a key
     */
    public static ExampleIds forCatalog(KpiCatalog catalog, Map<String, String> env) {
        ExampleIds ids = fromEnvironment(env);
        if (ids.hasKey()) {
            return ids;
        }
        List<String> needing = catalog.specs().values().stream()
                .filter(s -> s.examples().enabled() && s.examples().ids() == IdPolicy.HASH && s.examples().idsDeclared())
                .map(KpiSpec::name).toList();
        if (!needing.isEmpty()) {
            throw new IllegalArgumentException("examples of " + String.join(", ", needing) + " ask for ids: hash, "
                    + "which needs a key: set " + VARIABLE + " or " + FILE_VARIABLE
                    + " (a secret of your choice; the same key keeps the same tokens), or use ids: omit");
        }
        return ids;
    }

    public boolean hasKey() {
        return key != null;
    }

    /** The token of {@code id}: 12 lowercase hex digits. */
    public String token(String id) {
        if (key == null) {
            throw new IllegalStateException("no example ID key");
        }
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
            byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, TOKEN_HEX_DIGITS / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "ExampleIds[no key]" : "ExampleIds[key set]";
    }
}
