package io.github.b24sip.camel;

import java.net.InetAddress;
import java.net.URI;
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
