package io.github.b24sip.simulator.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/** Starts the JDK HTTP(S) servers every simulated origin runs on. */
public final class Listeners {

    static {
        // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK: 40 ms per round trip.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private Listeners() {}

    public static HttpServer plain(String host, int port, HttpHandler handler, Executor executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
            return started(server, handler, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public static HttpsServer https(String host, int port, SSLContext ssl, HttpHandler handler, Executor executor) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(host, port), 256);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            return started(server, handler, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    private static <S extends HttpServer> S started(S server, HttpHandler handler, Executor executor) {
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }

    /** The base URL of a started server, e.g. https://127.0.0.1:8443. */
    public static String baseUrl(HttpServer server, String host) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://" + host + ":" + server.getAddress().getPort();
    }
}
