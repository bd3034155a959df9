package io.github.b24sip.app.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.camel.bitrix24.Bitrix24SipAuthenticationException;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lane engine of one lines file, against a portal side that fails: every row and prune delete keeps its outcome in
 * the report, and a failure the portal did not report marks the file as not applied. No server: the failures are
 * the ones a real portal or a bug would cause, given straight to the engine.
 */
class CsvFileRunTest {

    @TempDir
    Path dir;

    private static CsvRow row(int n, String title) {
        return new CsvRow(n, "p", LineAction.UPSERT, SipLineSpec.office(title, "pbx.example.com", "l", "pw"), false);
    }

    private static SipLine line(int configId, String title) {
        return new SipLine(
                configId,
                configId,
                "office",
                title,
                "pbx.example.com",
                "l",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A portal that applies every desired line, lists {@code existing}, and fails prune calls with {@code prune}. */
    private static CsvFileRun.LaneSync portal(
            List<SipLine> existing, RuntimeException onPrune, RuntimeException onSync) {
        return new CsvFileRun.LaneSync() {
            @Override
            public SyncReport sync(String portal, SyncRequest request) {
                boolean prune = request.prune();
                if (prune && onPrune != null) {
                    throw onPrune;
                }
                if (!prune && onSync != null) {
                    throw onSync;
                }
                List<SyncItem> items = new ArrayList<>();
                // each line's CONFIG_ID from its title, and the items in the reverse of the order asked: a lane that
                // joins them to its rows by position gives rows the wrong lines
                request.desired().forEach(d -> {
                    String title = ((SipLineSpec) d).title();
                    items.add(
                            0,
                            new SyncItem(
                                    title,
                                    SyncItem.Action.CREATE,
                                    SyncItem.Outcome.APPLIED,
                                    configIdOf(title),
                                    null,
                                    null,
                                    null));
                });
                return SyncReport.of(request.dryRun(), items, 1);
            }

            @Override
            public List<SipLine> lines(String portal) {
                return existing;
            }
        };
    }

    private static int configIdOf(String title) {
        return 1000 + Integer.parseInt(title.substring(1));
    }

    @Test
    void eachRowGetsTheOutcomeOfItsOwnTitleWhateverOrderTheReportComesIn() throws IOException {
        List<String> unexpected = new ArrayList<>();
        JsonNode report = run("order.csv", 120, false, portal(List.of(), null, null), unexpected);
        assertThat(unexpected).isEmpty();
        assertThat(report.path("outcomes")).hasSize(120).allSatisfy(o -> {
            assertThat(o.path("title").asText()).isEqualTo("t" + (o.path("row").asInt() - 2));
            assertThat(o.path("configId").asInt())
                    .isEqualTo(configIdOf(o.path("title").asText()));
        });
    }

    private JsonNode run(String name, int rows, boolean mirror, CsvFileRun.LaneSync sync, List<String> unexpected)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ReportFile report = ReportFile.create(dir, name, mirror, false)) {
            CsvFileRun run = new CsvFileRun(name, rows, mirror, false, report, sync, pool, 2);
            for (int i = 0; i < rows; i++) {
                run.titles.putIfAbsent("p", PortalValues.titleKey("t" + i), i + 2);
                run.row(row(i + 2, "t" + i));
            }
            run.finish();
            if (run.unexpectedFailure() != null) {
                unexpected.add(run.unexpectedFailure());
            }
            report.finish(rows, run.totals());
        } finally {
            pool.shutdownNow();
        }
        return new ObjectMapper().readTree(dir.resolve(name + ".report.json").toFile());
    }

    @Test
    void aPruneCallRefusedAsAWholeListsEachDeleteItCouldNotMakeAndTheTotalsAddUp() throws IOException {
        List<String> unexpected = new ArrayList<>();
        JsonNode report = run(
                "m.mirror.csv",
                3,
                true,
                portal(
                        List.of(line(7, "stale-1"), line(8, "stale-2"), line(9, "t0")),
                        new Bitrix24SipAuthenticationException(
                                "batch", "INVALID_CREDENTIALS", "Invalid request credentials", 401),
                        null),
                unexpected);
        assertThat(unexpected).isEmpty();
        List<String> prunes = new ArrayList<>();
        report.path("outcomes").forEach(o -> {
            if (o.path("action").asText().equals("prune")) {
                prunes.add(o.path("title").asText() + " " + o.path("result").asText() + " "
                        + o.path("errorCode").asText() + " " + o.path("error").asText());
            }
        });
        assertThat(prunes)
                .containsExactlyInAnyOrder(
                        "stale-1 failed INVALID_CREDENTIALS Invalid request credentials",
                        "stale-2 failed INVALID_CREDENTIALS Invalid request credentials");
        JsonNode totals = report.path("totals");
        assertThat(totals.path("created").asInt()).isEqualTo(3);
        assertThat(totals.path("failed").asInt()).isEqualTo(2);
        assertThat(totals.path("pruned").asInt()).isEqualTo(2);
        int sum = 0;
        for (String result :
                List.of("created", "updated", "replaced", "deleted", "unchanged", "planned", "invalid", "failed")) {
            sum += totals.path(result).asInt();
        }
        assertThat(sum)
                .as("results add up to rows plus pruned: %s", totals)
                .isEqualTo(totals.path("rows").asInt() + totals.path("pruned").asInt());
    }

    @Test
    void aStepThatThrowsUnexpectedlyLeavesItsRowsFailedWithTheReasonAndMarksTheFileNotApplied() throws IOException {
        List<String> unexpected = new ArrayList<>();
        JsonNode report = run(
                "u.csv", 60, false, portal(List.of(), null, new IllegalStateException("the lane broke")), unexpected);
        assertThat(unexpected).singleElement().asString().contains("IllegalStateException: the lane broke");
        assertThat(report.path("outcomes")).hasSize(60);
        report.path("outcomes").forEach(o -> {
            assertThat(o.path("result").asText()).isEqualTo("failed");
            assertThat(o.path("errorCode").asText()).isEqualTo(CsvFileRun.UNEXPECTED);
            assertThat(o.path("error").asText()).contains("the lane broke");
        });
    }

    @Test
    void aPortalRefusingAChunkFailsItsRowsButTheFileStillCountsAsApplied() throws IOException {
        List<String> unexpected = new ArrayList<>();
        JsonNode report = run(
                "r.csv",
                2,
                false,
                portal(
                        List.of(),
                        null,
                        new Bitrix24SipAuthenticationException(
                                "batch", "INVALID_CREDENTIALS", "Invalid request credentials", 401)),
                unexpected);
        assertThat(unexpected).isEmpty();
        assertThat(report.path("totals").path("failed").asInt()).isEqualTo(2);
    }
}
