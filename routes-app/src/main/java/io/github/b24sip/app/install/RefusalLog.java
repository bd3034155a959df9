package io.github.b24sip.app.install;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The log of refused requests from outside (by default the posts to {@code /bitrix24/events}): one compact WARN line at
 * most every {@code interval}, the refusals in between counted into the next line, so a flood of forged requests cannot
 * push the log's older lines out.
 */
@ApplicationScoped
public class RefusalLog {

    private static final Logger LOG = Logger.getLogger(RefusalLog.class);

    private final String what;
    private final long intervalNanos;
    private long nextLineAt;
    private int unlogged;

    public RefusalLog() {
        this(Duration.ofSeconds(1));
    }

    RefusalLog(Duration interval) {
        this(ApplicationEventRoutes.PATH, interval);
    }

    /** Refusals of requests to {@code what}, logged at most once every {@code interval}. */
    public RefusalLog(String what, Duration interval) {
        this.what = what;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs the refusal now, or counts it into the next line. {@code reason} is shown escaped and cut. */
    public void refused(int status, String reason) {
        int before;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - nextLineAt < 0) {
                unlogged++;
                return;
            }
            nextLineAt = now + intervalNanos;
            before = unlogged;
            unlogged = 0;
        }
        LOG.warnf(
                "Refused a request to %s (%d): %s%s",
                what,
                status,
                OutsideText.shown(reason, 300),
                before == 0 ? "" : " (and " + before + " more refused since the last such line)");
    }
}
