package io.github.b24sip.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Memory does not grow with the input: the packaged app, with a heap of 96 MB, validates and plans (a mirror dry run
 * on the demo portal) a generated CSV of 400,000 rows, 19 MB. Read whole, as files were before, the file, its text,
 * its records and their outcomes need several times that heap, and the app runs out of memory.
 */
class StreamingCsvIT {

    static final int ROWS = 400_000;

    @TempDir
    Path work;

    @Test
    void aLargeFileIsPlannedWithASmallHeap() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path csv = work.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("title,type,server,login,password\n");
            for (int i = 0; i < ROWS; i++) {
                w.write("stream-" + i + ",office,pbx.example.com," + i + ",pw" + i + "\n");
            }
        }
        Process app = PackagedApp.start(
                work,
                List.of(
                        "-Xmx96m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Db24sip.demo=true",
                        "-Db24sip.csv.max-file-size=" + (Files.size(csv) + 1024)));
        try {
            String name = "big.mirror.dryrun.csv";
            Files.move(csv, inbox.resolve(name));
            await().atMost(Duration.ofMinutes(4))
                    .until(() -> !app.isAlive()
                            || Files.exists(inbox.resolve("done/" + name))
                            || Files.exists(inbox.resolve("error/" + name)));
            assertThat(app.isAlive())
                    .as("the app is still running (see app.log)")
                    .isTrue();
            assertThat(inbox.resolve("done/" + name)).exists();
            JsonNode totals = new ObjectMapper()
                    .readTree(inbox.resolve("reports/" + name + ".report.json").toFile())
                    .path("totals");
            assertThat(totals.path("rows").asInt()).isEqualTo(ROWS);
            // every row planned as a create, and the demo portal's own lines (not in the file), if its sample file
            // was applied first, planned for pruning
            assertThat(totals.path("planned").asInt()).as("%s", totals).isGreaterThanOrEqualTo(ROWS);
            assertThat(totals.path("invalid").asInt() + totals.path("failed").asInt())
                    .as("%s", totals)
                    .isZero();
            long reportRows;
            try (BufferedReader report = Files.newBufferedReader(inbox.resolve("reports/" + name + ".report.csv"))) {
                reportRows = report.lines().filter(l -> l.contains(",stream-")).count();
            }
            assertThat(reportRows).as("a report row per CSV row").isEqualTo(ROWS);
        } finally {
            PackagedApp.stop(app);
        }
    }
}
