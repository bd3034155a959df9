package io.github.b24sip.app.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineRequest;
import io.github.b24sip.app.line.PortalNames;
import io.github.b24sip.camel.bitrix24.model.PortalValues;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.function.Consumer;

/**
 * Reads a lines CSV as a stream, one record at a time, so memory does not grow with the file: UTF-8 with or without a
 * BOM, RFC 4180 quoting, a header row naming known columns in any order. A file that cannot be read to its end is an
 * {@link UnreadableCsvException}; {@link #check} finds that before anything is applied. After that, each row stands
 * alone: a bad row becomes a {@link RowError} naming its row number and field, and the other rows go on.
 */
public final class CsvLinesReader {

    static final Set<String> COLUMNS =
            Set.of("portal", "title", "type", "server", "login", "password", "action", "outgoing");
    private static final CsvMapper CSV = new CsvMapper();

    /** Where the rows go, in file order. */
    public interface RowHandler {
        void row(CsvRow row);

        void invalid(RowError error);
    }

    private final PortalNames portals;

    public CsvLinesReader(PortalNames portals) {
        this.portals = portals;
    }

    /** What reading a file through found: a registrations file (else a lines file), and its data rows. */
    @RegisterForReflection
    public record Check(boolean registrations, int rows) {}

    /**
     * Reads the whole file without applying anything: its kind, by its header (one with {@code account} and
     * {@code sip_username} is a registrations file), and its data rows; or fails as unreadable.
     */
    public static Check check(InputStream in) {
        boolean[] registrations = {false};
        int[] count = {0};
        records(
                in,
                names -> {
                    registrations[0] = RegistrationsFile.isRegistrationsHeader(names);
                    if (registrations[0]) {
                        RegistrationsFile.header(names);
                    } else {
                        header(names);
                    }
                },
                fields -> count[0]++);
        return new Check(registrations[0], count[0]);
    }

    /**
     * Reads every row, checks it, and hands it on; titles of valid rows go into {@code titles} (a title given twice
     * for one portal is refused in its second row). Returns the number of data rows.
     */
    public int read(InputStream in, TitleIndex titles, RowHandler handler) {
        RowChecker checker = new RowChecker(titles, handler);
        records(in, checker::header, checker::row);
        return checker.rowNumber - 1;
    }

    /** Checks the rows one by one against the header. */
    private final class RowChecker {
        private final TitleIndex titles;
        private final RowHandler handler;
        private Map<String, Integer> header;
        private int width;
        private int rowNumber = 1;
        /** Per portal, the row that names its default outgoing line: one per portal and file. */
        private final Map<String, Integer> outgoingRows = new HashMap<>();

        RowChecker(TitleIndex titles, RowHandler handler) {
            this.titles = titles;
            this.handler = handler;
        }

        void header(String[] names) {
            header = CsvLinesReader.header(names);
            width = names.length;
        }

        void row(String[] fields) {
            rowNumber++;
            Map<String, String> values = new LinkedHashMap<>();
            header.forEach((column, index) -> values.put(column, index < fields.length ? fields[index] : null));
            String title = values.get("title");
            try {
                if (fields.length != width) {
                    throw new InvalidLineException("row", "has " + fields.length + " fields; the header has " + width);
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
                int first = titles.putIfAbsent(request.portal(), PortalValues.titleKey(request.title()), rowNumber);
                if (first != 0) {
                    throw new InvalidLineException(
                            "title",
                            "'" + request.title() + "' is already in row " + first + " for portal " + request.portal());
                }
                boolean outgoing = outgoing(values.get("outgoing"));
                if (outgoing && request.action() != LineAction.UPSERT) {
                    throw new InvalidLineException("outgoing", "a deleted line cannot be the default outgoing line");
                }
                if (outgoing) {
                    Integer other = outgoingRows.putIfAbsent(request.portal(), rowNumber);
                    if (other != null) {
                        throw new InvalidLineException(
                                "outgoing",
                                "row " + other + " already names portal " + request.portal()
                                        + "'s default outgoing line");
                    }
                }
                handler.row(new CsvRow(rowNumber, request.portal(), request.action(), request.line(), outgoing));
            } catch (InvalidLineException e) {
                if (fields.length != width) {
                    // the cells are not where the header says: what sits in the title or action column may be the
                    // password (found by CsvReaderFuzzTest), so the report names the row and nothing of its cells
                    handler.invalid(new RowError(rowNumber, "", "", "", e.field(), e.reason()));
                    return;
                }
                LineAction action = LineAction.parse(values.get("action"));
                handler.invalid(new RowError(
                        rowNumber,
                        portalCell(values.get("portal")),
                        title,
                        action == null ? values.get("action") : action.wireName(),
                        e.field(),
                        e.reason()));
            }
        }
    }

    /** The portal a refused row names, or the default portal it would have gone to; empty when neither. */
    private String portalCell(String given) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        try {
            return portals.defaultPortal().orElse("");
        } catch (InvalidLineException e) {
            return "";
        }
    }

    /**
     * Writes the file to {@code out} with every non-empty password cell replaced by {@code ***}, for the archive; the
     * rest as it was read (quoted as CSV needs). Only for a file that {@link #check} accepted.
     */
    public static void redactPasswords(InputStream in, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int[] passwordColumn = {-1};
        Consumer<String[]> write = fields -> {
            try {
                for (int i = 0; i < fields.length; i++) {
                    writer.write(i > 0 ? "," : "");
                    writer.write(quoted(fields[i] == null ? "" : fields[i]));
                }
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        records(
                in,
                names -> {
                    for (int i = 0; i < names.length; i++) {
                        if (names[i] != null
                                && "password".equals(names[i].trim().toLowerCase(Locale.ROOT))) {
                            passwordColumn[0] = i;
                        }
                    }
                    write.accept(names);
                },
                fields -> {
                    int column = passwordColumn[0];
                    if (column >= 0 && column < fields.length && fields[column] != null && !fields[column].isEmpty()) {
                        fields[column] = "***";
                    }
                    write.accept(fields);
                });
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Parses the records one at a time: the first to {@code header}, the others to {@code rows}. */
    static void records(InputStream in, Consumer<String[]> header, Consumer<String[]> rows) {
        int read = 0;
        try (Reader text = utf8(in);
                MappingIterator<String[]> it = CSV.readerFor(String[].class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                        .readValues(text)) {
            while (it.hasNextValue()) {
                String[] record = it.nextValue();
                read++;
                (read == 1 ? header : rows).accept(record);
            }
        } catch (UnreadableCsvException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (isEncodingError(e)) {
                throw new UnreadableCsvException("the file is not UTF-8 text");
            }
            String where = read == 0 ? "the header" : "row " + (read + 1);
            // the parser's own message may quote the text around the fault, which can be a password: not repeated
            throw new UnreadableCsvException("the file is not valid CSV near " + where + " (a quote left open, or a "
                    + "character after a closing quote)");
        }
        if (read == 0) {
            throw new UnreadableCsvException(
                    "the file is empty: a header row is required (" + String.join(",", sortedColumns()) + ")");
        }
    }

    private static boolean isEncodingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    /** Strict UTF-8 (a malformed byte fails the read), without the BOM a spreadsheet may put first. */
    private static Reader utf8(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(3);
        byte[] bom = buffered.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
            buffered.reset();
        }
        return new InputStreamReader(
                buffered,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static Map<String, Integer> header(String[] names) {
        Map<String, Integer> header = columns(names, COLUMNS, sortedColumns(), "");
        if (!header.containsKey("title")) {
            throw new UnreadableCsvException("the header has no 'title' column; the first row must name the columns ("
                    + String.join(", ", sortedColumns()) + ")");
        }
        return header;
    }

    /**
     * The columns a header names, each at its index, compared trimmed and without regard to case; an unknown or
     * repeated name fails the file, listing {@code listed}. {@code ofWhat} says which kind of file, for the message.
     * An unknown column is named by its position, never its text: in a file without a header row the first row is
     * data, a password among it, and the message goes to the log and to {@code error/<file>.reason.txt}.
     */
    static Map<String, Integer> columns(String[] names, Set<String> known, List<String> listed, String ofWhat) {
        Map<String, Integer> header = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i] == null ? "" : names[i].trim().toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                unknown.add(String.valueOf(i + 1));
            } else if (header.putIfAbsent(name, i) != null) {
                throw new UnreadableCsvException("the header names the column '" + name + "' twice");
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnreadableCsvException("unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (by position) in the header" + ofWhat
                    + "; a header row names the columns, from " + String.join(", ", listed)
                    + " (a file whose first row is data has no header)");
        }
        return header;
    }

    private static List<String> sortedColumns() {
        return List.of("portal", "title", "type", "server", "login", "password", "action", "outgoing");
    }

    /**
     * An {@code outgoing} cell: {@code yes} (or true, 1) makes the row's line the portal's default outgoing line; empty
     * (or no, false, 0) leaves the default alone.
     */
    static boolean outgoing(String cell) {
        String value = cell == null ? "" : cell.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "yes", "true", "1" -> true;
            case "", "no", "false", "0" -> false;
            default ->
                throw new InvalidLineException("outgoing", "must be yes or no (or empty), not '" + cell.trim() + "'");
        };
    }
}
