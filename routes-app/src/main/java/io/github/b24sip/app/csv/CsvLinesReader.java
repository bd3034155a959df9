package io.github.b24sip.app.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineRequest;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a lines CSV: UTF-8 with or without a BOM, RFC 4180 quoting, a header row naming known columns in any order.
 * A file that cannot be read that far is an {@link UnreadableCsvException}; after that, each row stands alone: a bad
 * row becomes a {@link RowError} naming its row number and field, and the other rows go on.
 */
public final class CsvLinesReader {

    static final Set<String> COLUMNS = Set.of("portal", "title", "type", "server", "login", "password", "action");
    private static final CsvMapper CSV = new CsvMapper();

    private final Portals portals;

    public CsvLinesReader(Portals portals) {
        this.portals = portals;
    }

    public CsvLines read(byte[] content) {
        List<String[]> records = records(decode(content));
        if (records.isEmpty()) {
            throw new UnreadableCsvException(
                    "the file is empty: a header row is required (" + String.join(",", sortedColumns()) + ")");
        }
        Map<String, Integer> header = header(records.get(0));
        List<CsvRow> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < records.size(); i++) {
            int rowNumber = i + 1;
            String[] fields = records.get(i);
            Map<String, String> values = new LinkedHashMap<>();
            header.forEach((column, index) -> values.put(column, index < fields.length ? fields[index] : null));
            String title = values.get("title");
            try {
                if (fields.length != records.get(0).length) {
                    throw new InvalidLineException(
                            "row", "has " + fields.length + " fields; the header has " + records.get(0).length);
                }
                LineRequest request = LineRequest.of(
                        portals,
                        values.get("portal"),
                        values.get("action"),
                        new SipLineSpec(
                                title,
                                values.get("type"),
                                values.get("server"),
                                values.get("login"),
                                values.get("password"),
                                null));
                // titles clash as the portal compares them: trimmed, without regard to case
                Integer first =
                        seen.putIfAbsent(request.portal() + "\n" + PortalValues.titleKey(request.title()), rowNumber);
                if (first != null) {
                    throw new InvalidLineException(
                            "title",
                            "'" + request.title() + "' is already in row " + first + " for portal " + request.portal());
                }
                rows.add(new CsvRow(rowNumber, request.portal(), request.action(), request.line()));
            } catch (InvalidLineException e) {
                errors.add(new RowError(
                        rowNumber,
                        values.get("portal"),
                        title,
                        LineAction.parse(values.get("action")) == null
                                ? values.get("action")
                                : LineAction.parse(values.get("action")).wireName(),
                        e.field(),
                        e.reason()));
            }
        }
        return new CsvLines(rows, errors, records.size() - 1);
    }

    private static String decode(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableCsvException("the file is not UTF-8 text");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The file again with every non-empty password cell replaced by {@code ***}, for the archive; the rest as it was
     * read (quoted as CSV needs). Only for a file that {@link #read} accepted.
     */
    public static byte[] redactPasswords(byte[] content) {
        List<String[]> records = records(decode(content));
        int column = -1;
        String[] names = records.get(0);
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null && "password".equals(names[i].trim().toLowerCase(Locale.ROOT))) {
                column = i;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < records.size(); r++) {
            String[] fields = records.get(r);
            for (int i = 0; i < fields.length; i++) {
                String value = r > 0 && i == column && fields[i] != null && !fields[i].isEmpty() ? "***" : fields[i];
                out.append(i > 0 ? "," : "").append(quoted(value == null ? "" : value));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static List<String[]> records(String text) {
        List<String[]> records = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(text)) {
            while (it.hasNextValue()) {
                records.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            String where = records.isEmpty() ? "the header" : "row " + (records.size() + 1);
            // the parser's own message may quote the text around the fault, which can be a password: not repeated
            throw new UnreadableCsvException("the file is not valid CSV near " + where + " (a quote left open, or a "
                    + "character after a closing quote)");
        }
        return records;
    }

    private static Map<String, Integer> header(String[] names) {
        Map<String, Integer> header = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i] == null ? "" : names[i].trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                unknown.add("'" + (names[i] == null ? "" : names[i].trim()) + "'");
            } else if (header.putIfAbsent(name, i) != null) {
                throw new UnreadableCsvException("the header names the column '" + name + "' twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnreadableCsvException(
                    "unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                            + " in the header; the columns are " + String.join(", ", sortedColumns()));
        }
        if (!header.containsKey("title")) {
            throw new UnreadableCsvException("the header has no 'title' column; the first row must name the columns ("
                    + String.join(", ", sortedColumns()) + ")");
        }
        return header;
    }

    private static List<String> sortedColumns() {
        return List.of("portal", "title", "type", "server", "login", "password", "action");
    }
}
