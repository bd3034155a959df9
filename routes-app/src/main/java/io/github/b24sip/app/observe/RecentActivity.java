package io.github.b24sip.app.observe;

import io.github.b24sip.app.command.CommandHandled;
import io.github.b24sip.app.command.CommandResult;
import io.github.b24sip.app.csv.CsvFileFinished;
import io.github.b24sip.app.line.ChangeSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What this instance did lately, for the operator page: the last CSV files with their totals and report names, the
 * last command results and the last dead letters. In memory and bounded; the reports themselves stay on disk.
 */
@ApplicationScoped
public class RecentActivity {

    static final int KEPT = 20;

    @RegisterForReflection
    public record CommandDone(Instant at, ChangeSource source, CommandResult result) {}

    /** A command sent to the dead-letter topic or queue, with why; the payload is not kept. */
    @RegisterForReflection
    public record DeadLetter(Instant at, ChangeSource source, String reason) {}

    private final Deque<CsvFileFinished> files = new ArrayDeque<>();
    private final Deque<CommandDone> commands = new ArrayDeque<>();
    private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();

    /** Every CSV that ends, whatever the end: applied, with invalid or failed rows, or sent to error/. */
    void fileDone(@Observes CsvFileFinished file) {
        add(files, file);
    }

    /** A command applied (with its result) or dead-lettered (with why); one rolled back for redelivery is not shown. */
    void commandHandled(@Observes CommandHandled command) {
        switch (command.outcome()) {
            case APPLIED -> add(commands, new CommandDone(Instant.now(), command.source(), command.result()));
            case DEAD_LETTERED -> add(deadLetters, new DeadLetter(Instant.now(), command.source(), command.reason()));
            case ROLLED_BACK -> {
                // redelivered: its end is shown when it comes
            }
        }
    }

    /** Newest first. */
    public List<CsvFileFinished> files() {
        return snapshot(files);
    }

    public List<CommandDone> commands() {
        return snapshot(commands);
    }

    public List<DeadLetter> deadLetters() {
        return snapshot(deadLetters);
    }

    /**
     * The report of a file listed here, by its path below {@code reports/} ({@code <file>.report.csv} or {@code
     * .json}, an upload's under {@code uploads/}); else empty.
     */
    public Optional<String> reportName(String name) {
        return files().stream()
                .filter(CsvFileFinished::report)
                .map(CsvFileFinished::origin)
                .flatMap(o -> Stream.of(o.reportPath(".report.csv"), o.reportPath(".report.json")))
                .filter(name::equals)
                .findFirst();
    }

    private static <T> void add(Deque<T> entries, T entry) {
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > KEPT) {
                entries.removeLast();
            }
        }
    }

    private static <T> List<T> snapshot(Deque<T> entries) {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
