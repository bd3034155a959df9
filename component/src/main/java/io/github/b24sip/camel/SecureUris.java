package io.github.b24sip.camel;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Where credentials may be sent: both schemes refuse plain http:// except to this machine. */
public final class SecureUris {

    private SecureUris() {}

    /** True for https://, and for http:// only to a loopback address: credentials must not cross a network in clear. */
    public static boolean httpsOrLoopback(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && uri.getHost() != null && isLoopback(uri.getHost());
    }

    /**
     * A URL credentials are sent to (a portal, an OAuth server), checked once for every place that takes one: http(s)
     * with a host; https, or plain http only to a loopback address; no query and no user info, which would carry a
     * secret where logs and proxies see it. Returns the URL without a trailing slash; throws an {@link
     * IllegalArgumentException} saying what is wrong, without quoting the URL.
     */
    public static String credentialsUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is required, e.g. https://example.bitrix24.com");
        }
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("must be an https:// URL with a host");
        }
        if (!httpsOrLoopback(uri)) {
            throw new IllegalArgumentException(
                    "plain http:// is allowed only to a loopback address (127.0.0.1, ::1 or localhost); use https://");
        }
        if (uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry a query or user info");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /**
     * True for {@code localhost} and a literal loopback address (127.0.0.0/8, ::1), never for a name to look up:
     * {@code 127.example.com} is not loopback. The one place both schemes and the routes app decide it.
     */
    public static boolean isLoopbackAddress(String host) {
        return host != null && isLoopback(host);
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(h)) {
            return true;
        }
        // only literal addresses: no name lookup decides whether a secret goes out in clear text
        if (!h.chars()
                .allMatch(c -> Character.isDigit(c)
                        || c == '.'
                        || c == ':'
                        || (c >= 'a' && c <= 'f')
                        || (c >= 'A' && c <= 'F'))) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
