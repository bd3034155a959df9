package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a lines CSV: reads and checks every row, then applies each portal's valid rows with bitrix24-sip:sync.
 * Without mirror, rows go in chunks of 50 titles (deletes first), which keeps each sync to a title-filtered read and
 * lets long files log their progress; a mirror file is one sync with prune, as pruning needs the whole set.
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

    public FileReport apply(String file, byte[] content, boolean mirror, boolean dryRun) {
        CsvLines lines = new CsvLinesReader(portals).read(content);
        List<RowOutcome> outcomes = new ArrayList<>();
        for (RowError e : lines.errors()) {
            outcomes.add(new RowOutcome(
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
            LOG.warnf("%s: %s", file, e.message());
        }
        Map<String, List<CsvRow>> byPortal = new LinkedHashMap<>();
        lines.rows()
                .forEach(r -> byPortal.computeIfAbsent(r.portal(), p -> new ArrayList<>())
                        .add(r));
        LOG.infof(
                "%s: %d rows, %d invalid; applying to %s%s%s",
                file,
                lines.rowCount(),
                lines.errors().size(),
                byPortal.keySet(),
                mirror ? " (mirror: lines not in the file are deleted)" : "",
                dryRun ? " (dry run: plan only)" : "");
        byPortal.forEach((portal, rows) ->
                outcomes.addAll(mirror ? run(portal, rows, true, dryRun) : applyInChunks(file, portal, rows, dryRun)));
        outcomes.sort(Comparator.comparing(RowOutcome::row, Comparator.nullsLast(Comparator.naturalOrder())));
        if (outcomes.size() <= ROWS_LOGGED) {
            outcomes.forEach(o -> LOG.infof("%s: %s", file, describe(o)));
        }
        Map<String, Integer> totals = new LinkedHashMap<>();
        totals.put("rows", lines.rowCount());
        for (LineResult result : LineResult.values()) {
            totals.put(result.wireName(), (int)
                    outcomes.stream().filter(o -> o.result() == result).count());
        }
        LOG.infof("%s: done %s", file, totals);
        return new FileReport(file, mirror, dryRun, lines.rowCount(), totals, outcomes);
    }

    private List<RowOutcome> applyInChunks(String file, String portal, List<CsvRow> rows, boolean dryRun) {
        List<CsvRow> ordered = new ArrayList<>(
                rows.stream().filter(r -> r.action() == LineAction.DELETE).toList());
        ordered.addAll(
                rows.stream().filter(r -> r.action() == LineAction.UPSERT).toList());
        List<RowOutcome> outcomes = new ArrayList<>();
        int lastDecile = 0;
        for (int from = 0; from < ordered.size(); from += CHUNK) {
            List<CsvRow> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
            outcomes.addAll(run(portal, chunk, false, dryRun));
            int done = from + chunk.size();
            int decile = done * 10 / ordered.size();
            if (decile > lastDecile && ordered.size() > CHUNK) {
                LOG.infof(
                        "%s: portal %s: %d of %d rows (%d%%)",
                        file, portal, done, ordered.size(), done * 100 / ordered.size());
                lastDecile = decile;
            }
        }
        return outcomes;
    }

    /** One sync call; its items come back as the desired rows', then the deleted rows', then pruned lines'. */
    private List<RowOutcome> run(String portal, List<CsvRow> rows, boolean prune, boolean dryRun) {
        List<CsvRow> upserts =
                rows.stream().filter(r -> r.action() == LineAction.UPSERT).toList();
        List<CsvRow> deletes =
                rows.stream().filter(r -> r.action() == LineAction.DELETE).toList();
        List<SipLineSpec> desired = upserts.stream().map(CsvRow::line).toList();
        List<String> absent = deletes.stream().map(CsvRow::title).toList();
        List<RowOutcome> outcomes = new ArrayList<>();
        SyncReport report;
        try {
            report = sync.sync(portal, ChangeSource.CSV, desired, absent, prune, dryRun);
        } catch (Bitrix24SipException e) {
            LOG.warnf("portal %s: sync of %d rows failed: %s", portal, rows.size(), e.getMessage());
            rows.forEach(r -> outcomes.add(new RowOutcome(
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
            return outcomes;
        }
        List<SyncItem> items = report.items();
        List<CsvRow> inOrder = new ArrayList<>(upserts);
        inOrder.addAll(deletes);
        for (int i = 0; i < items.size(); i++) {
            CsvRow row = i < inOrder.size() ? inOrder.get(i) : null;
            outcomes.add(outcome(portal, row, items.get(i)));
        }
        return outcomes;
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
