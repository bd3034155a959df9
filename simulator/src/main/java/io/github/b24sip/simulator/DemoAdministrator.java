package io.github.b24sip.simulator;

import io.github.b24sip.simulator.bitrix.BitrixPortal;
import io.github.b24sip.simulator.bitrix.SipLineView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The demo portal's administrator: once a line with the given title has been on the portal for a while, changes its
 * server once, as an administrator does in the portal's telephony settings (no REST call, no event), so that a demo
 * shows an application noticing drift. Runs on one daemon thread and stops after its one edit (or when closed).
 */
final class DemoAdministrator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DemoAdministrator.class.getName());

    private final BitrixPortal portal;
    private final String title;
    private final Map<String, String> edit;
    private final long afterSeconds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulator-demo-administrator");
        t.setDaemon(true);
        return t;
    });
    private long seenAt = -1;

    /**
     * @param afterSeconds how long the line stays as the application made it before the edit: long enough for the
     *     application to have compared it unchanged at least once
     */
    DemoAdministrator(BitrixPortal portal, String title, Map<String, String> edit, long afterSeconds) {
        this.portal = portal;
        this.title = title;
        this.edit = Map.copyOf(edit);
        this.afterSeconds = afterSeconds;
    }

    DemoAdministrator start() {
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    private void tick() {
        List<SipLineView> lines = portal.linesTitled(title);
        if (lines.isEmpty()) {
            seenAt = -1;
            return;
        }
        long now = System.nanoTime();
        if (seenAt < 0) {
            seenAt = now;
            return;
        }
        if (now - seenAt < TimeUnit.SECONDS.toNanos(afterSeconds)) {
            return;
        }
        SipLineView line = lines.get(0);
        portal.editLine(line.configId(), edit);
        LOG.info(() -> "Demo: the portal's administrator changed " + String.join(", ", edit.keySet()) + " of line '"
                + title + "' (CONFIG_ID " + line.configId() + ") in the telephony settings; no event is sent for it");
        timer.shutdown();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
