package io.github.b24sip.app.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.b24sip.app.line.LineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV report opens in a spreadsheet: no cell of it may run as a formula, whichever column it is in (#35). */
class ReportFileTest {

    @TempDir
    Path dir;

    @Test
    void everyFormulaLookingCellIsNeutralisedInEveryColumn() throws IOException {
        try (ReportFile report = ReportFile.create(dir, "hostile.csv", false, false)) {
            // an invalid row keeps the portal and action cells as the file had them
            report.add(new RowOutcome(
                    2,
                    "=HYPERLINK(\"http://evil.example\",\"x\")",
                    "+cmd|' /C calc'!A0",
                    "=cmd|' /C calc'!A0",
                    LineResult.INVALID,
                    "-2+3",
                    null,
                    null,
                    "@SUM(A1)",
                    "\t=1+1",
                    "\r=1+1"));
            report.finish(1, Map.of("invalid", 1));
        }
        CsvMapper csv = new CsvMapper();
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(dir.resolve("hostile.csv.report.csv").toFile())) {
            rows = it.readAll();
        }
        Map<String, String> row = rows.get(0);
        assertThat(row.get("row")).isEqualTo("2");
        for (String column : List.of("portal", "title", "action", "plan", "field", "errorCode", "error")) {
            assertThat(row.get(column)).as(column).startsWith("'");
        }
        assertThat(row.get("action")).isEqualTo("'=cmd|' /C calc'!A0");
    }
}
