package io.github.b24sip.app.csv;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's report, written as its rows complete: {@code <name>.report.json} (the mode, every row's outcome, then the
 * row count and totals) and {@code <name>.report.csv} (a row per outcome, then one row per total with action
 * {@code total}, the result's name and its {@code count}). Nothing is held but the first {@value #IN_ROW_ORDER_UP_TO}
 * outcomes: a report of up to that many outcomes is in row order; a longer one is in the order rows complete (portals
 * are applied in parallel), each outcome with its row number.
 */
public final class ReportFile implements Closeable {

    static final int IN_ROW_ORDER_UP_TO = 1000;
    /** The reports' folder below the inbox, and the uploads' folder below it. */
    static final String FOLDER = "reports";

    static final String UPLOADS = "uploads";

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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();
    private static final Comparator<RowOutcome> ROW_ORDER =
            Comparator.comparing(RowOutcome::row, Comparator.nullsLast(Comparator.naturalOrder()));

    private final Path json;
    private final JsonGenerator jsonOut;
    private final Writer csvFile;
    private final SequenceWriter csvOut;
    private List<RowOutcome> held = new ArrayList<>();

    private ReportFile(Path json, JsonGenerator jsonOut, Writer csvFile, SequenceWriter csvOut) {
        this.json = json;
        this.jsonOut = jsonOut;
        this.csvFile = csvFile;
        this.csvOut = csvOut;
    }

    /** Starts the report of {@code file} in {@code dir}, replacing an earlier one. */
    public static ReportFile create(Path dir, String file, boolean mirror, boolean dryRun) {
        return create(dir, file, file, mirror, dryRun);
    }

    /** The same with the report files named {@code <reportBase>.report.*}, the file named {@code file} inside. */
    public static ReportFile create(Path dir, String reportBase, String file, boolean mirror, boolean dryRun) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(reportBase + ".report.json");
            JsonGenerator jsonOut = JSON.getFactory()
                    .createGenerator(Files.newBufferedWriter(json, StandardCharsets.UTF_8))
                    .useDefaultPrettyPrinter();
            jsonOut.writeStartObject();
            jsonOut.writeStringField("file", file);
            jsonOut.writeBooleanField("mirror", mirror);
            jsonOut.writeBooleanField("dryRun", dryRun);
            jsonOut.writeArrayFieldStart("outcomes");
            Writer csvFile = Files.newBufferedWriter(dir.resolve(reportBase + ".report.csv"), StandardCharsets.UTF_8);
            CsvSchema.Builder schema = CsvSchema.builder();
            COLUMNS.forEach(schema::addColumn);
            SequenceWriter csvOut = CSV.writer(schema.build().withHeader()).writeValues(csvFile);
            return new ReportFile(json, jsonOut, csvFile, csvOut);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report of " + file + " to " + dir, e);
        }
    }

    public synchronized void add(RowOutcome outcome) {
        if (held != null) {
            held.add(outcome);
            if (held.size() <= IN_ROW_ORDER_UP_TO) {
                return;
            }
            writeHeld();
        } else {
            write(outcome);
        }
    }

    /** Writes what is held, then the row count and totals, and closes both files; returns the JSON report's path. */
    public synchronized Path finish(int rows, Map<String, Integer> totals) {
        try {
            if (held != null) {
                writeHeld();
            }
            jsonOut.writeEndArray();
            jsonOut.writeNumberField("rows", rows);
            jsonOut.writeObjectField("totals", totals);
            jsonOut.writeEndObject();
            for (Map.Entry<String, Integer> total : totals.entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("action", "total");
                row.put("result", total.getKey());
                row.put("count", total.getValue());
                csvOut.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + json, e);
        } finally {
            close();
        }
        return json;
    }

    private void writeHeld() {
        List<RowOutcome> outcomes = held;
        held = null;
        outcomes.sort(ROW_ORDER);
        outcomes.forEach(this::write);
    }

    private void write(RowOutcome o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row", o.row());
        row.put("portal", o.portal());
        row.put("title", o.title());
        row.put("action", o.action());
        row.put("result", o.result() == null ? null : o.result().wireName());
        row.put("plan", o.plan());
        row.put("configId", o.configId());
        row.put("regId", o.regId());
        row.put("field", o.field());
        row.put("errorCode", o.errorCode());
        row.put("error", o.error());
        // every text cell, not only the ones a file's author writes: an invalid row's portal and action come from
        // the file as they were
        row.replaceAll((column, value) -> value instanceof String text ? neutralised(text) : value);
        try {
            jsonOut.writeObject(o);
            csvOut.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + json, e);
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

    /** Closes both files; a report left unfinished stays as far as it got. */
    @Override
    public synchronized void close() {
        try (jsonOut;
                csvOut;
                csvFile) {
            // closed by try-with-resources
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the report " + json, e);
        }
    }
}
