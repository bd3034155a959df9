package io.github.b24sip.app.observe;

import io.github.b24sip.app.command.CommandHandled;
import io.github.b24sip.app.csv.CsvFileFinished;
import io.github.b24sip.app.line.ApiErrorAnswered;
import io.github.b24sip.app.line.LineSynced;
import io.github.b24sip.app.line.StatusEventSent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The app's counters, shown on /q/metrics next to Camel's: lines and registrations synced by result, API errors by
 * code, commands by outcome, CSV files by outcome, status events by status. Each observes the CDI event the flow fires
 * ({@link LineSynced}, {@link ApiErrorAnswered}, {@link CommandHandled}, {@link CsvFileFinished},
 * {@link StatusEventSent}), so no flow calls up into this package. Tags name portals, accounts and codes, never a
 * line's title or any credential.
 */
@ApplicationScoped
public class AppCounters {

    @Inject
    MeterRegistry registry;

    /** One line (or registration) of a sync, by where the change came from and what happened to it. */
    void synced(@Observes LineSynced line) {
        registry.counter(
                        line.registration() ? "b24sip.registrations.synced" : "b24sip.lines.synced",
                        line.registration() ? "account" : "portal",
                        line.target(),
                        "source",
                        line.source().wireName(),
                        "result",
                        line.result().wireName())
                .increment();
    }

    void apiError(@Observes ApiErrorAnswered error) {
        registry.counter("b24sip.api.errors", "portal", error.target(), "code", error.code())
                .increment();
    }

    void command(@Observes CommandHandled command) {
        registry.counter(
                        "b24sip.commands",
                        "source",
                        command.source().wireName(),
                        "outcome",
                        command.outcome().wireName())
                .increment();
    }

    /**
     * A CSV done, dropped or uploaded: clean, with invalid or failed rows (still in done/, each row in its report), or
     * an error (moved to error/, or answered 400).
     */
    void csvFile(@Observes CsvFileFinished file) {
        registry.counter("b24sip.csv.files", "outcome", file.outcome().wireName())
                .increment();
    }

    void statusEvent(@Observes StatusEventSent event) {
        registry.counter(
                        "b24sip.status.events",
                        "portal",
                        event.target(),
                        "status",
                        event.status() == null ? "unknown" : event.status())
                .increment();
    }
}
