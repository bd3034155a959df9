package io.github.b24sip.app.csv;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.account.AccountSync;
import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.desired.DriftWatch;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.app.portal.Portals;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

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

    private static final Logger LOG = Logger.getLogger(CsvSyncService.class);

    @Inject
    Portals portals;

    @Inject
    PortalSync sync;

    @Inject
    AppConfig config;

    @Inject
    Event<CsvFileFinished> finished;

    @Inject
    Accounts accounts;

    @Inject
    AccountSync accountSync;

    @Inject
    CamelContext camel;

    private static final String POOL = "csv-portal";
    private ExecutorService pool;

    /** Where a file's bytes come from; opened twice (a check, then the run). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * Refuses a file over {@code b24sip.csv.max-file-size} from its length, before a byte is read, so an oversized file
     * costs no memory.
     */
    public void checkSize(CsvOrigin origin, long length) {
        long limit = config.csv().maxFileSize().asLongValue();
        if (length > limit) {
            UnreadableCsvException refused = new UnreadableCsvException("the file is " + length
                    + " bytes, over b24sip.csv.max-file-size (" + limit + " bytes); split it, or raise the limit");
            finished.fire(CsvFileFinished.failed(origin, false, false, refused.getMessage(), false));
            throw refused;
        }
    }

    /** An inbox entry refused unread (not a regular file, a name too long): announced like any other end of a file. */
    void refused(String keptName, String reason) {
        finished.fire(CsvFileFinished.failed(CsvOrigin.inbox(keptName), false, false, reason, false));
    }

    /**
     * Applies a file and writes its report into its origin's reports folder; announces how it ended ({@link
     * CsvFileFinished}), an error included, before the error goes on to the caller. {@code cause} is the exchange the
     * file came with (the inbox route's, the upload's): the file's calls on portals and accounts are made for it.
     */
    public FileReport apply(Exchange cause, CsvOrigin origin, Content content, boolean mirror, boolean dryRun) {
        String file = origin.label();
        CsvLinesReader.Check check;
        try (InputStream in = content.open()) {
            // the first pass: what kind of file it is, and that it reads to its end
            check = CsvLinesReader.check(in);
        } catch (IOException e) {
            finished.fire(CsvFileFinished.failed(origin, mirror, dryRun, "cannot be read: " + e.getMessage(), false));
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (UnreadableCsvException e) {
            finished.fire(CsvFileFinished.failed(origin, mirror, dryRun, e.getMessage(), false));
            throw e;
        }
        boolean registrations = check.registrations();
        int rows = check.rows();
        LOG.infof(
                "%s: %d rows%s%s%s",
                file,
                rows,
                registrations ? " of SIP registrations" : "",
                mirror
                        ? " (mirror: " + (registrations ? "registrations" : "lines") + " not in the file are deleted)"
                        : "",
                dryRun ? " (dry run: plan only)" : "");
        Path reports = origin.reportsFolder(Path.of(config.csv().dir()));
        try (ReportFile report = ReportFile.create(reports, origin.reportBase(), origin.name(), mirror, dryRun)) {
            Run run = registrations
                    ? registrationsRun(cause, file, rows, content, report, mirror, dryRun)
                    : linesRun(cause, file, rows, content, report, mirror, dryRun);
            Map<String, Integer> totals = run.totals();
            Path json = report.finish(rows, totals);
            if (run.unexpectedFailure() != null) {
                IncompleteCsvException incomplete = new IncompleteCsvException(run.unexpectedFailure()
                        + "; what those rows did on the portal is unknown, so the file is not counted as applied "
                        + "(report: " + json.getFileName() + ")");
                finished.fire(CsvFileFinished.failed(origin, mirror, dryRun, incomplete.getMessage(), true));
                throw incomplete;
            }
            FileReport done = new FileReport(origin, mirror, dryRun, rows, totals, json);
            int invalid = totals.getOrDefault(LineResult.INVALID.wireName(), 0);
            if (run.failed() > 0) {
                LOG.warnf("%s: done with %d failed rows (see the report) %s", file, run.failed(), totals);
                finished.fire(CsvFileFinished.of(done, CsvFileOutcome.WITH_FAILED_ROWS));
            } else if (invalid > 0) {
                LOG.warnf("%s: done with %d invalid rows (see the report) %s", file, invalid, totals);
                finished.fire(CsvFileFinished.of(done, CsvFileOutcome.WITH_INVALID_ROWS));
            } else {
                LOG.infof("%s: done %s", file, totals);
                finished.fire(CsvFileFinished.of(done, CsvFileOutcome.CLEAN));
            }
            return done;
        }
    }

    /** What a file's run left: its totals, its failed rows, and why it must not count as applied (or null). */
    @RegisterForReflection
    public record Run(Map<String, Integer> totals, int failed, String unexpectedFailure) {}

    private Run linesRun(
            Exchange cause, String file, int rows, Content content, ReportFile report, boolean mirror, boolean dryRun) {
        CsvFileRun run = new CsvFileRun(
                file,
                rows,
                mirror,
                dryRun,
                report,
                new CsvLaneSync(file, cause, sync, declared, drift),
                pool(),
                config.csv().parallelPortals());
        try (InputStream in = content.open()) {
            new CsvLinesReader(portals).read(in, run.titles, run);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } finally {
            run.finish();
        }
        return new Run(run.totals(), run.failed(), run.unexpectedFailure());
    }

    @Inject
    DeclaredState declared;

    @Inject
    DriftWatch drift;

    private Run registrationsRun(
            Exchange cause, String file, int rows, Content content, ReportFile report, boolean mirror, boolean dryRun) {
        RegistrationsFile run = new RegistrationsFile(file, cause, rows, report, accounts, accountSync, declared);
        try (InputStream in = content.open()) {
            run.apply(in, mirror, dryRun);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        OutcomeLog outcomes = run.outcomes();
        String unexpected = outcomes.rowsWithOutcome() == rows
                ? null
                : (rows - outcomes.rowsWithOutcome()) + " of " + rows + " rows have no outcome in the report";
        return new Run(outcomes.totals(), outcomes.failed(), unexpected);
    }

    /**
     * One thread per portal applied at once, from a Camel thread-pool profile: named and managed by Camel (JMX, shut
     * down with the context), and ended when idle, so an app that applies no file holds none.
     */
    private synchronized ExecutorService pool() {
        if (pool == null) {
            int threads = config.csv().parallelPortals();
            ThreadPoolProfile profile = new ThreadPoolProfileBuilder(POOL)
                    .poolSize(threads)
                    .maxPoolSize(threads)
                    .keepAliveTime(30L, TimeUnit.SECONDS)
                    .allowCoreThreadTimeOut(true)
                    .maxQueueSize(-1)
                    .build();
            pool = camel.getExecutorServiceManager().newThreadPool(this, POOL, profile);
        }
        return pool;
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            camel.getExecutorServiceManager().shutdownNow(pool);
        }
    }
}
