package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.LineResult;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a file's outcomes go as its lanes produce them, from any lane's thread: the report, the totals, and the log (a
 * line per row for short files, progress by tenths for long ones).
 */
final class OutcomeLog {

    /** Files up to this many rows get a log line per row; longer ones log progress and totals only. */
    static final int ROWS_LOGGED = 100;

    private static final Logger LOG = Logger.getLogger(OutcomeLog.class);

    private final String file;
    private final int rows;
    private final ReportFile report;
    private final Map<LineResult, AtomicInteger> totals = new EnumMap<>(LineResult.class);
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger rowOutcomes = new AtomicInteger();
    private final AtomicInteger pruned = new AtomicInteger();
    private int lastDecile;

    OutcomeLog(String file, int rows, ReportFile report) {
        this.file = file;
        this.rows = rows;
        this.report = report;
        for (LineResult result : LineResult.values()) {
            totals.put(result, new AtomicInteger());
        }
    }

    void record(RowOutcome outcome) {
        totals.get(outcome.result()).incrementAndGet();
        if (outcome.row() == null) {
            pruned.incrementAndGet();
        } else {
            rowOutcomes.incrementAndGet();
        }
        report.add(outcome);
        if (rows <= ROWS_LOGGED) {
            LOG.infof("%s: %s", file, describe(outcome));
        }
        long count = done.incrementAndGet();
        if (rows > CsvFileRun.CHUNK && outcome.row() != null) {
            synchronized (this) {
                int decile = (int) (count * 10 / rows);
                if (decile > lastDecile) {
                    lastDecile = decile;
                    LOG.infof("%s: %d of %d rows (%d%%)", file, count, rows, count * 100 / rows);
                }
            }
        }
    }

    /** The rows that have their outcome so far. */
    int rowsWithOutcome() {
        return rowOutcomes.get();
    }

    int failed() {
        return totals.get(LineResult.FAILED).get();
    }

    /** The row count, each result's count and the prune deletes; the results add up to rows plus pruned. */
    Map<String, Integer> totals() {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("rows", rows);
        totals.forEach((result, count) -> out.put(result.wireName(), count.get()));
        out.put("pruned", pruned.get());
        return out;
    }

    private static String describe(RowOutcome o) {
        String row = o.row() == null ? "not in the file" : "row " + o.row();
        String ids = o.configId() == null
                ? ""
                : " (CONFIG_ID " + o.configId() + (o.regId() == null ? "" : ", REG_ID " + o.regId()) + ")";
        String error =
                o.error() == null ? "" : ": " + (o.field() == null ? o.errorCode() + " " : o.field() + " ") + o.error();
        String portal = o.portal() == null || o.portal().isBlank() ? "no portal" : o.portal();
        String title = o.title() == null || o.title().isBlank() ? "(no title)" : "'" + o.title() + "'";
        String action = o.action() == null || o.action().isBlank() ? "(no action)" : o.action();
        return row + " " + title + " on " + portal + ": " + action + " -> "
                + o.result().wireName() + ids + error;
    }
}
