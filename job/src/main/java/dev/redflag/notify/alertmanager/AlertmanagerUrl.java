package dev.redflag.notify.alertmanager;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Alertmanager to post to, from the base URL it serves under ({@code http://alertmanager:9093},
 * or with the path prefix of {@code --web.route-prefix}). An Alertmanager behind basic auth is
 * written {@code http://user:password@host:9093}, and a proxy in front of it may want a token in
 * the query: both are credentials, so {@link #toString()}, {@link #receiver()} and
 * {@link #redact(String)} never show them, and neither do the errors of {@link #of(URI)}.
 *
 * @param uri the base URL as configured
 */
public record AlertmanagerUrl(URI uri) {

    /** The API v2 endpoint that takes postable alerts, under the base URL. */
    public static final String ALERTS_PATH = "/api/v2/alerts";

    private static final String MASK = "***";

    public AlertmanagerUrl {
        Objects.requireNonNull(uri, "uri");
        String problem = problem(uri);
        if (problem != null) {
            throw new IllegalArgumentException("Alertmanager URL " + shown(uri) + " " + problem);
        }
    }

    public static AlertmanagerUrl of(URI uri) {
        return new AlertmanagerUrl(uri);
    }

    /**
     * What is wrong with {@code uri} as an Alertmanager base URL, phrased to follow the URL
     * ("must be ..."); null when it is fine.
     */
    static String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must be an absolute http(s) URL with a host, e.g. http://alertmanager:9093";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a #fragment";
        }
        String path = stripSlashes(uri.getRawPath());
        if (path.endsWith(ALERTS_PATH) || path.endsWith("/api/v2") || path.endsWith("/api/v1/alerts")) {
            return "must be the Alertmanager's base URL, without /api/...: " + ALERTS_PATH + " is added";
        }
        return null;
    }

    /** The URL for messages: itself when it holds no credentials, else a safe form of it. */
    static String shown(URI uri) {
        if (uri.getRawUserInfo() == null && uri.getRawQuery() == null && !uri.isOpaque()) {
            return uri.toString();
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            // "user:secret@host" parses as scheme "user": nothing of it is safe to show
            return "(not shown: it may hold credentials)";
        }
        return display(uri);
    }

    /** Where alerts are posted: the base URL's path plus {@link #ALERTS_PATH}, its query kept, no user-info. */
    public URI alertsUri() {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(uri.getScheme() + "://" + hostPort() + stripSlashes(uri.getRawPath()) + ALERTS_PATH + query);
    }

    /** {@code Basic ...} from the URL's user-info, for an Alertmanager behind basic auth; empty without user-info. */
    public Optional<String> authorization() {
        String userInfo = uri.getUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The name under which notifications to this Alertmanager are counted, {@code host:port}
     * (the scheme's default port when none is given): bounded by configuration and free of secrets.
     */
    public String receiver() {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** The text with this URL's user-info and query masked, in raw and decoded form. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), toString()).replace(alertsUri().toString(), display(alertsUri()));
        out = mask(out, uri.getRawUserInfo(), "@");
        out = mask(out, uri.getUserInfo(), "@");
        if (uri.getRawQuery() != null) {
            out = out.replace("?" + uri.getRawQuery(), "?" + MASK);
            out = out.replace("?" + uri.getQuery(), "?" + MASK);
        }
        return out;
    }

    /** {@code scheme://host:port/path}: what logs and errors show. */
    @Override
    public String toString() {
        return display(uri);
    }

    private String hostPort() {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String display(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String mask(String text, String secret, String suffix) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret + suffix, MASK + suffix);
    }

    private static String stripSlashes(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
