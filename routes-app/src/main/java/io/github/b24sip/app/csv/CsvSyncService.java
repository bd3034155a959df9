package io.github.b24sip.app.csv;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a lines CSV as a stream: reads it once to be sure it can be read to its end (nothing is applied from a file
 * that cannot), then again, handing each portal's valid rows on in chunks of 50 titles as they are read. Portals are
 * applied in parallel ({@code b24sip.csv.parallel-portals}), each portal's chunks one after another; each chunk is one
 * bitrix24-sip:sync (deletes first). Outcomes go to the report as chunks complete, and only a bounded number of
 * chunks wait at a time, so memory does not grow with the file.
 *
 * <p>A mirror file reads each portal's lines once, plans every chunk against them, and at the end deletes the lines
 * the file did not name (pruning needs the whole set; the set is kept as {@link TitleIndex} hashes, not rows). Without
 * mirror, each chunk reads only its own titles.
 */
@ApplicationScoped
@Named("csvSync")
public class CsvSyncService {

    static final int CHUNK = 50;
    /** Files up to this many rows get a log line per row; longer ones log progress and totals only. */
    static final int ROWS_LOGGED = 100;

    private static final Logger LOG = Logger.getLogger(CsvSyncService.class);

    @Inject
    Portals portals;

    @Inject
    PortalSync sync;

    @Inject
    AppConfig config;

    private ExecutorService pool;

    /** Where a file's bytes come from; opened twice (a check, then the run). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** Applies a file and writes its report into {@code reports}. */
    public FileReport apply(String file, Content content, boolean mirror, boolean dryRun, Path reports) {
        int rows;
        try (InputStream in = content.open()) {
            rows = CsvLinesReader.check(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        LOG.infof(
                "%s: %d rows%s%s",
                file,
                rows,
                mirror ? " (mirror: lines not in the file are deleted)" : "",
                dryRun ? " (dry run: plan only)" : "");
        try (ReportFile report = ReportFile.create(reports, file, mirror, dryRun)) {
            FileRun run = new FileRun(file, rows, mirror, dryRun, report);
            try (InputStream in = content.open()) {
                new CsvLinesReader(portals).read(in, run.titles, run);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            } finally {
                run.finish();
            }
            Map<String, Integer> totals = run.totals();
            Path json = report.finish(rows, totals);
            LOG.infof("%s: done %s", file, totals);
            return new FileReport(file, mirror, dryRun, rows, totals, json);
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            AtomicInteger threads = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "csv-portal-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            // threads end when idle: an app that applies no file holds none
            ThreadPoolExecutor executor = new ThreadPoolExecutor(
                    config.csv().parallelPortals(),
                    config.csv().parallelPortals(),
                    30,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    factory);
            executor.allowCoreThreadTimeOut(true);
            pool = executor;
        }
        return pool;
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** One file on its way: the rows read but not yet sent, each portal's lane, the totals so far. */
    private final class FileRun implements CsvLinesReader.RowHandler {
        private final String file;
        private final int rows;
        private final boolean mirror;
        private final boolean dryRun;
        private final ReportFile report;
        private final TitleIndex titles = new TitleIndex();
        private final Map<String, PortalLane> lanes = new LinkedHashMap<>();
        private final Map<LineResult, AtomicInteger> totals = new EnumMap<>(LineResult.class);
        /** Chunks read but not yet applied: the reader waits when this many are on their way. */
        private final Semaphore inFlight;

        private final AtomicLong done = new AtomicLong();
        private int lastDecile;

        FileRun(String file, int rows, boolean mirror, boolean dryRun, ReportFile report) {
            this.file = file;
            this.rows = rows;
            this.mirror = mirror;
            this.dryRun = dryRun;
            this.report = report;
            this.inFlight = new Semaphore(config.csv().parallelPortals() * 4);
            for (LineResult result : LineResult.values()) {
                totals.put(result, new AtomicInteger());
            }
        }

        @Override
        public void invalid(RowError e) {
            LOG.warnf("%s: %s", file, e.message());
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

        /** Sends what is left, prunes (mirror), and waits for every portal. */
        void finish() {
            lanes.values().forEach(PortalLane::send);
            if (mirror) {
                lanes.values().forEach(PortalLane::prune);
            }
            CompletableFuture.allOf(lanes.values().stream().map(l -> l.tail).toArray(CompletableFuture[]::new))
                    .join();
        }

        Map<String, Integer> totals() {
            Map<String, Integer> out = new LinkedHashMap<>();
            out.put("rows", rows);
            totals.forEach((result, count) -> out.put(result.wireName(), count.get()));
            return out;
        }

        private void record(RowOutcome outcome) {
            totals.get(outcome.result()).incrementAndGet();
            report.add(outcome);
            if (rows <= ROWS_LOGGED) {
                LOG.infof("%s: %s", file, describe(outcome));
            }
            long count = done.incrementAndGet();
            if (rows > CHUNK && outcome.row() != null) {
                synchronized (this) {
                    int decile = (int) (count * 10 / rows);
                    if (decile > lastDecile) {
                        lastDecile = decile;
                        LOG.infof("%s: %d of %d rows (%d%%)", file, count, rows, count * 100 / rows);
                    }
                }
            }
        }

        /** One portal's rows: sent in chunks, one after another, on the shared pool. */
        private final class PortalLane {
            private final String portal;
            private List<CsvRow> buffer = new ArrayList<>(CHUNK);
            private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
            /** Mirror: the portal's lines, read by the lane's first chunk (null when the read failed). */
            private List<SipLine> existing;
            /** Mirror: the same lines by title key, so each chunk is planned against its own titles' lines only. */
            private Map<String, List<SipLine>> existingByTitle;

            private Bitrix24SipException readFailure;

            PortalLane(String portal) {
                this.portal = portal;
                if (mirror) {
                    then(this::readExisting);
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
                then(() -> {
                    try {
                        apply(chunk);
                    } finally {
                        inFlight.release();
                    }
                });
            }

            /** The portal's lines the file does not name, deleted (or planned for deletion) after every chunk. */
            void prune() {
                then(() -> {
                    if (existing == null) {
                        return;
                    }
                    List<SipLine> unnamed = existing.stream()
                            .filter(l -> PortalValues.titleKey(l.title()) == null
                                    || !titles.contains(portal, PortalValues.titleKey(l.title())))
                            .toList();
                    if (unnamed.isEmpty()) {
                        return;
                    }
                    try {
                        SyncReport done =
                                sync.sync(portal, ChangeSource.CSV, List.of(), List.of(), true, dryRun, unnamed);
                        done.items().forEach(item -> record(outcome(portal, null, item)));
                    } catch (Bitrix24SipException e) {
                        LOG.warnf("portal %s: pruning %d lines failed: %s", portal, unnamed.size(), e.getMessage());
                    }
                });
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
                    LOG.warnf("portal %s: reading its lines failed: %s", portal, e.getMessage());
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

            private void then(Runnable step) {
                tail = tail.thenRunAsync(step, pool()).exceptionally(e -> {
                    LOG.errorf(e, "%s: portal %s: a step failed", file, portal);
                    return null;
                });
            }

            /** One sync call; its items come back as the chunk's upserts', then its deletes'. */
            private void apply(List<CsvRow> chunk) {
                List<CsvRow> upserts = chunk.stream()
                        .filter(r -> r.action() == LineAction.UPSERT)
                        .toList();
                List<CsvRow> deletes = chunk.stream()
                        .filter(r -> r.action() == LineAction.DELETE)
                        .toList();
                List<SipLineSpec> desired = upserts.stream().map(CsvRow::line).toList();
                List<String> absent = deletes.stream().map(CsvRow::title).toList();
                SyncReport done;
                try {
                    if (readFailure != null) {
                        throw readFailure;
                    }
                    done = sync.sync(portal, ChangeSource.CSV, desired, absent, false, dryRun, existingFor(chunk));
                } catch (Bitrix24SipException e) {
                    LOG.warnf("portal %s: sync of %d rows failed: %s", portal, chunk.size(), e.getMessage());
                    chunk.forEach(r -> record(new RowOutcome(
                            r.row(),
                            portal,
                            r.title(),
                            r.action().wireName(),
                            LineResult.FAILED,
                            null,
                            null,
                            null,
                            null,
                            e.getErrorCode(),
                            e.getDescription())));
                    return;
                }
                List<CsvRow> inOrder = new ArrayList<>(upserts);
                inOrder.addAll(deletes);
                List<SyncItem> items = done.items();
                for (int i = 0; i < items.size(); i++) {
                    record(outcome(portal, i < inOrder.size() ? inOrder.get(i) : null, items.get(i)));
                }
            }
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

    private static String describe(RowOutcome o) {
        String row = o.row() == null ? "not in the file" : "row " + o.row();
        String ids = o.configId() == null
                ? ""
                : " (CONFIG_ID " + o.configId() + (o.regId() == null ? "" : ", REG_ID " + o.regId()) + ")";
        String error =
                o.error() == null ? "" : ": " + (o.field() == null ? o.errorCode() + " " : o.field() + " ") + o.error();
        return row + " '" + o.title() + "' on " + o.portal() + ": " + o.action() + " -> "
                + o.result().wireName() + ids + error;
    }
}
