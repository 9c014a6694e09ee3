package dev.redflag.notify.slack;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Runbook URLs come from rule files, and a button opens whatever it is given: only absolute http
 * and https URLs become buttons, never {@code javascript:}, {@code slack:}, relative or broken ones.
 */
final class WebUrl {

    private WebUrl() {
    }

    static boolean isHttp(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
