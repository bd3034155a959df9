package io.github.b24sip.app.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a file report as {@code <name>.report.json} and {@code <name>.report.csv}: a CSV row per outcome, then one
 * row per total with action {@code total}, the result's name and its {@code count}.
 */
public final class ReportWriter {

    static final List<String> COLUMNS = List.of(
            "row",
            "portal",
            "title",
            "action",
            "result",
            "plan",
            "configId",
            "regId",
            "field",
            "errorCode",
            "error",
            "count");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CsvMapper CSV = new CsvMapper();

    private ReportWriter() {}

    public static String json(FileReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String csv(FileReport report) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RowOutcome o : report.outcomes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", o.row());
            row.put("portal", o.portal());
            row.put("title", neutralised(o.title()));
            row.put("action", o.action());
            row.put("result", o.result() == null ? null : o.result().wireName());
            row.put("plan", o.plan());
            row.put("configId", o.configId());
            row.put("regId", o.regId());
            row.put("field", o.field());
            row.put("errorCode", o.errorCode());
            row.put("error", neutralised(o.error()));
            rows.add(row);
        }
        report.totals().forEach((name, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("action", "total");
            row.put("result", name);
            row.put("count", count);
            rows.add(row);
        });
        try {
            return CSV.writer(schema.build().withHeader()).writeValueAsString(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, so a
     * title such as {@code =cmd|' /C calc'!A0} is shown, not executed, when someone opens the report.
     */
    static String neutralised(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** Writes both reports into {@code dir}; returns the JSON report's path. */
    public static Path write(Path dir, FileReport report) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(report.file() + ".report.csv"), csv(report), StandardCharsets.UTF_8);
            Path json = dir.resolve(report.file() + ".report.json");
            Files.writeString(json, json(report), StandardCharsets.UTF_8);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report of " + report.file() + " to " + dir, e);
        }
    }
}
