package io.github.b24sip.simulator;

import io.github.b24sip.simulator.bitrix.BitrixPortal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The simulator as an application embeds it for a demo, through JDK types only, so that the application needs the
 * simulator jar at run time only (and not at all without its demo): {@link #get()} starts a simulator with one portal,
 * {@code demo}, and returns that portal's settings, with the names the routes app reads ({@code url}, {@code user-id},
 * {@code token}, {@code trust-store-file}, {@code trust-store-password}); {@link #close()} stops it. The demo portal's
 * administrator changes the server of the sample's line {@value #EDITED_LINE} {@value #EDIT_AFTER_SECONDS} s after it
 * appears, once, so that the demo shows drift.
 */
public final class EmbeddedDemo implements Supplier<Map<String, String>>, AutoCloseable {

    /** The sample line the demo's administrator edits (routes-app/samples/lines.csv), and when. */
    static final String EDITED_LINE = "Provider A, trunk 2";

    static final long EDIT_AFTER_SECONDS = 20;

    private Simulator simulator;
    private DemoAdministrator administrator;
    private Map<String, String> settings;

    @Override
    public synchronized Map<String, String> get() {
        if (settings == null) {
            simulator = Simulator.start(SimulatorConfig.create().portal(PortalConfig.portal("demo")));
            BitrixPortal portal = simulator.portal("demo");
            administrator = new DemoAdministrator(
                            portal, EDITED_LINE, Map.of("SERVER", "sip.provider-a-backup.example"), EDIT_AFTER_SECONDS)
                    .start();
            Map<String, String> s = new LinkedHashMap<>();
            s.put("url", portal.baseUrl());
            s.put("user-id", String.valueOf(portal.webhook().userId()));
            s.put("token", portal.webhook().code());
            try {
                Path trustStore = Files.createTempFile("b24sip-demo-truststore", ".p12");
                trustStore.toFile().deleteOnExit();
                String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
                simulator.tls().writeTrustStore(trustStore, password.toCharArray());
                s.put("trust-store-file", trustStore.toString());
                s.put("trust-store-password", password);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the demo trust store", e);
            }
            settings = Map.copyOf(s);
        }
        return settings;
    }

    @Override
    public synchronized void close() {
        if (administrator != null) {
            administrator.close();
            administrator = null;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
