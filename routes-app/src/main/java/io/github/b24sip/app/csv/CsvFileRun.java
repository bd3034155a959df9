package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.line.LineUndeletable;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One lines file on its way: each portal's valid rows go in chunks of {@value #CHUNK} titles, one chunk after another
 * per portal, portals in parallel on {@code pool}; a mirror file also reads each portal's lines once and, after its
 * last chunk, deletes the lines the file did not name. Every row and every prune delete gets its outcome in the
 * report, whatever the failure: a portal's refusal makes its rows {@code failed} with the error code and text; anything
 * else (a bug, an I/O error) makes them {@code failed} too, and {@link #unexpectedFailure} says the file must not count
 * as applied.
 */
final class CsvFileRun implements CsvLinesReader.RowHandler {

    /** Invalid rows of one file logged one by one; the rest go to the report only. */
    static final int INVALID_ROWS_LOGGED = 20;

    static final int CHUNK = 50;
    /** The error code of a row whose chunk failed in an unexpected way: what happened to it on the portal is unknown. */
    static final String UNEXPECTED = "UNEXPECTED_ERROR";

    private static final Logger LOG = Logger.getLogger(CsvFileRun.class);

    /** The portal side of a run: what {@code bitrix24-sip:sync} and {@code get} do for one portal. */
    interface LaneSync {
        SyncReport sync(String portal, SyncRequest request);

        List<SipLine> lines(String portal);

        /** The chunk's rows declare their lines (present or absent), before they are applied. */
        default void declare(String portal, List<CsvRow> chunk) {}

        /** A mirror file declared the portal's whole set: the titles {@code named} by its rows. */
        default void declareMirror(String portal, java.util.function.Predicate<String> named) {}

        /** Makes a line the portal's default outgoing line (a row with {@code outgoing} yes, once applied). */
        default void setOutgoing(String portal, int configId) {}

        /** CONFIG_IDs the portal refused to delete before with REG_ID_NOT_FOUND: a prune does not try them again. */
        default Set<Integer> undeletable(String portal) {
            return Set.of();
        }
    }

    /** Why a prune leaves a line the portal refused to delete before: the remedy is in the portal, not in a retry. */
    static final String UNDELETABLE_REASON = "not deleted again: the portal refused it before (REG_ID_NOT_FOUND: its "
            + "Voximplant registration is gone); delete it in the portal's telephony settings (routes-app README, "
            + "\"Declared lines and drift\")";

    private final String file;
    private final int rows;
    private final boolean mirror;
    private final boolean dryRun;
    private final ReportFile report;
    private final LaneSync sync;
    private final Executor pool;
    final TitleIndex titles = new TitleIndex();
    private final Map<String, PortalLane> lanes = new LinkedHashMap<>();
    private final OutcomeLog outcomes;
    private final AtomicInteger invalidLogged = new AtomicInteger();
    /** Chunks read but not yet applied: the reader waits when this many are on their way. */
    private final Semaphore inFlight;

    private final AtomicReference<String> unexpected = new AtomicReference<>();

    CsvFileRun(
            String file,
            int rows,
            boolean mirror,
            boolean dryRun,
            ReportFile report,
            LaneSync sync,
            Executor pool,
            int parallelPortals) {
        this.file = file;
        this.rows = rows;
        this.mirror = mirror;
        this.dryRun = dryRun;
        this.report = report;
        this.sync = sync;
        this.pool = pool;
        this.inFlight = new Semaphore(parallelPortals * 4);
        this.outcomes = new OutcomeLog(file, rows, report);
    }

    @Override
    public void invalid(RowError e) {
        // a WARN for the first few: a file of 50,000 bad rows would otherwise write megabytes of log
        int logged = invalidLogged.incrementAndGet();
        if (logged <= INVALID_ROWS_LOGGED) {
            LOG.warnf("%s: %s", file, e.message());
        } else if (logged == INVALID_ROWS_LOGGED + 1) {
            LOG.warnf(
                    "%s: more than %d invalid rows; the others are in the report only, their count in the file's "
                            + "last line",
                    file, INVALID_ROWS_LOGGED);
        }
        record(new RowOutcome(
                e.row(),
                e.portal(),
                e.title(),
                e.action(),
                LineResult.INVALID,
                null,
                null,
                null,
                e.field(),
                "INVALID_ROW",
                e.reason()));
    }

    @Override
    public void row(CsvRow row) {
        PortalLane lane = lanes.computeIfAbsent(row.portal(), PortalLane::new);
        lane.buffer.add(row);
        if (lane.buffer.size() == CHUNK) {
            lane.send();
        }
    }

    /**
     * Sends what is left, prunes (mirror), and waits for every portal. Afterwards every row read has its outcome, or
     * {@link #unexpectedFailure} says why not.
     */
    void finish() {
        lanes.values().forEach(PortalLane::send);
        if (mirror) {
            lanes.values().forEach(PortalLane::prune);
        }
        CompletableFuture.allOf(lanes.values().stream().map(l -> l.tail).toArray(CompletableFuture[]::new))
                .join();
        int withOutcome = outcomes.rowsWithOutcome();
        if (withOutcome != rows) {
            unexpected.compareAndSet(
                    null, (rows - withOutcome) + " of " + rows + " rows have no outcome in the report");
        }
    }

    /**
     * Why the file must not count as applied (a step failed in a way the portal did not report, so what it did there
     * is unknown), or null.
     */
    String unexpectedFailure() {
        return unexpected.get();
    }

    /** Rows and prune deletes that failed. */
    int failed() {
        return outcomes.failed();
    }

    /** The row count, each result's count and the prune deletes; the results add up to rows plus pruned. */
    Map<String, Integer> totals() {
        return outcomes.totals();
    }

    private void record(RowOutcome outcome) {
        outcomes.record(outcome);
    }

    /** One portal's rows: sent in chunks, one after another, on the shared pool. */
    private final class PortalLane {
        private final String portal;
        private List<CsvRow> buffer = new ArrayList<>(CHUNK);
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        /** Mirror: the portal's lines, read by the lane's first step (null when the read failed). */
        private List<SipLine> existing;
        /** Mirror: the same lines by title key, so each chunk is planned against its own titles' lines only. */
        private Map<String, List<SipLine>> existingByTitle;

        private RuntimeException readFailure;

        PortalLane(String portal) {
            this.portal = portal;
            if (mirror) {
                then(this::readExisting, List.of());
            }
        }

        void send() {
            if (buffer.isEmpty()) {
                return;
            }
            List<CsvRow> chunk = buffer;
            buffer = new ArrayList<>(CHUNK);
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying " + file, e);
            }
            then(
                    () -> {
                        try {
                            apply(chunk);
                        } finally {
                            inFlight.release();
                        }
                    },
                    chunk);
        }

        /** The portal's lines the file does not name, deleted (or planned for deletion) after every chunk. */
        void prune() {
            List<SipLine> unnamed = new ArrayList<>();
            then(
                    () -> {
                        if (existing == null) {
                            return;
                        }
                        if (!dryRun) {
                            sync.declareMirror(portal, key -> titles.contains(portal, key));
                        }
                        Set<Integer> undeletable = dryRun ? Set.of() : sync.undeletable(portal);
                        existing.stream()
                                .filter(l -> PortalValues.titleKey(l.title()) == null
                                        || !titles.contains(portal, PortalValues.titleKey(l.title())))
                                .forEach(l -> {
                                    if (undeletable.contains(l.configId())) {
                                        record(failedPrune(l, LineUndeletable.REG_ID_NOT_FOUND, UNDELETABLE_REASON));
                                    } else {
                                        unnamed.add(l);
                                    }
                                });
                        if (unnamed.isEmpty()) {
                            return;
                        }
                        SyncReport done;
                        try {
                            done = sync.sync(
                                    portal,
                                    SyncRequest.of(List.of())
                                            .withPrune(true)
                                            .withDryRun(dryRun)
                                            .against(unnamed));
                        } catch (Bitrix24SipException e) {
                            LOG.warnf(
                                    "%s: portal %s: pruning %d lines failed: %s",
                                    file, portal, unnamed.size(), e.getMessage());
                            unnamed.forEach(l -> record(failedPrune(l, e.getErrorCode(), e.getDescription())));
                            return;
                        }
                        done.items().forEach(item -> record(outcome(portal, null, item)));
                    },
                    unnamed);
        }

        private void readExisting() {
            try {
                existing = sync.lines(portal);
                existingByTitle = new HashMap<>();
                for (SipLine line : existing) {
                    String key = PortalValues.titleKey(line.title());
                    if (key != null) {
                        existingByTitle
                                .computeIfAbsent(key, k -> new ArrayList<>(1))
                                .add(line);
                    }
                }
            } catch (Bitrix24SipException e) {
                readFailure = e;
                LOG.warnf("%s: portal %s: reading its lines failed: %s", file, portal, e.getMessage());
            }
        }

        /** The portal's lines a chunk names (without prune, the sync plans against no other line). */
        private List<SipLine> existingFor(List<CsvRow> chunk) {
            if (existingByTitle == null) {
                return null;
            }
            List<SipLine> lines = new ArrayList<>();
            for (CsvRow row : chunk) {
                lines.addAll(existingByTitle.getOrDefault(PortalValues.titleKey(row.title()), List.of()));
            }
            return lines;
        }

        /**
         * Runs a step after the lane's earlier ones. A step that throws anything the portal did not report leaves
         * its rows (or prune deletes, each a {@link SipLine}) {@code failed} with the reason, marks the file as not
         * applied, and lets the lane's later steps run.
         */
        private void then(Runnable step, List<?> itsRows) {
            tail = tail.thenRunAsync(step, pool).exceptionally(e -> {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                LOG.errorf(cause, "%s: portal %s: a step failed unexpectedly", file, portal);
                unexpected.compareAndSet(null, "portal " + portal + ": " + reason);
                try {
                    for (Object item : itsRows) {
                        record(
                                item instanceof CsvRow row
                                        ? failedRow(row, UNEXPECTED, reason)
                                        : failedPrune((SipLine) item, UNEXPECTED, reason));
                    }
                } catch (RuntimeException reportFailed) {
                    LOG.errorf("%s: cannot record the failed rows: %s", file, reportFailed.getMessage());
                }
                return null;
            });
        }

        /** One sync call for the chunk; each row's outcome is the report's item with its title. */
        private void apply(List<CsvRow> chunk) {
            List<CsvRow> upserts =
                    chunk.stream().filter(r -> r.action() == LineAction.UPSERT).toList();
            List<CsvRow> deletes =
                    chunk.stream().filter(r -> r.action() == LineAction.DELETE).toList();
            List<SipLineSpec> desired = upserts.stream().map(CsvRow::line).toList();
            List<String> absent = deletes.stream().map(CsvRow::title).toList();
            if (!dryRun) {
                sync.declare(portal, chunk);
            }
            SyncReport done;
            try {
                if (readFailure != null) {
                    throw readFailure;
                }
                done = sync.sync(
                        portal,
                        SyncRequest.of(desired)
                                .withAbsentTitles(absent)
                                .withDryRun(dryRun)
                                .against(existingFor(chunk)));
            } catch (Bitrix24SipException e) {
                LOG.warnf("%s: portal %s: sync of %d rows failed: %s", file, portal, chunk.size(), e.getMessage());
                chunk.forEach(r -> record(failedRow(r, e.getErrorCode(), e.getDescription())));
                return;
            }
            // each row's item by its title (a chunk's titles are distinct: the reader refuses a title given twice)
            for (CsvRow row : chunk) {
                SyncItem item = done.itemFor(row.title());
                record(
                        item == null
                                ? failedRow(row, UNEXPECTED, "the sync's report has no item for this title")
                                : withOutgoing(row, outcome(portal, row, item)));
            }
        }

        /**
         * A row that names the default outgoing line, applied: the line is made the portal's default. When that fails,
         * the row is failed on its {@code outgoing} field, saying the line itself was applied.
         */
        private RowOutcome withOutgoing(CsvRow row, RowOutcome applied) {
            if (!row.outgoing() || dryRun || applied.configId() == null || applied.result() == LineResult.FAILED) {
                return applied;
            }
            try {
                sync.setOutgoing(portal, applied.configId());
                return applied;
            } catch (Bitrix24SipException e) {
                return new RowOutcome(
                        applied.row(),
                        portal,
                        applied.title(),
                        applied.action(),
                        LineResult.FAILED,
                        applied.plan(),
                        applied.configId(),
                        applied.regId(),
                        "outgoing",
                        e.getErrorCode(),
                        "the line was applied (" + applied.result().wireName()
                                + "), but making it the default outgoing line failed: " + e.getDescription());
            }
        }

        private RowOutcome failedRow(CsvRow r, String code, String error) {
            return new RowOutcome(
                    r.row(),
                    portal,
                    r.title(),
                    r.action().wireName(),
                    LineResult.FAILED,
                    null,
                    null,
                    null,
                    null,
                    code,
                    error);
        }

        private RowOutcome failedPrune(SipLine line, String code, String error) {
            return new RowOutcome(
                    null,
                    portal,
                    line.title(),
                    "prune",
                    LineResult.FAILED,
                    "delete",
                    line.configId(),
                    line.regId(),
                    null,
                    code,
                    error);
        }
    }

    private static RowOutcome outcome(String portal, CsvRow row, SyncItem item) {
        return new RowOutcome(
                row == null ? null : row.row(),
                portal,
                item.title(),
                row == null ? "prune" : row.action().wireName(),
                LineResult.of(item),
                item.action().name().toLowerCase(Locale.ROOT),
                item.configId(),
                item.regId(),
                null,
                item.errorCode(),
                item.errorDescription());
    }
}
