package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.PortalNames;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV reader (issue #35, fuzzing): any file, cut or spliced anywhere, gives rows, row errors, or an {@link
 * UnreadableCsvException}; the password cell is in no error, no title and no exception message.
 */
class CsvReaderFuzzTest {

    /**
     * A fixed seed keeps the test command reproducible (a failure is the same on every machine); change it, or run
     * with another, to explore further.
     */
    private static final String SEED = "20261207";

    private static final String SECRET = "CSVPASS-9d2e41";
    private static final List<String> COLUMNS =
            List.of("portal", "title", "type", "server", "login", "password", "action");

    private static final PortalNames PORTALS = new PortalNames() {
        @Override
        public Set<String> names() {
            return Set.of("acme");
        }

        @Override
        public Optional<String> resolve(String reference) {
            return reference.trim().equals("acme") ? Optional.of("acme") : Optional.empty();
        }

        @Override
        public Optional<String> defaultPortal() {
            return Optional.empty();
        }

        @Override
        public boolean known(String name) {
            return true;
        }
    };

    @Property(tries = 800, seed = SEED)
    void anyFileGivesRowsErrorsOrAReasonAndThePasswordIsInNone(@ForAll("files") String file) {
        List<String> shown = new ArrayList<>();
        try {
            new CsvLinesReader(PORTALS)
                    .read(
                            new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                            new TitleIndex(),
                            new CsvLinesReader.RowHandler() {
                                @Override
                                public void row(CsvRow row) {
                                    shown.add(row.line().title());
                                }

                                @Override
                                public void invalid(RowError error) {
                                    shown.add(error.message());
                                    shown.add(String.valueOf(error.title()));
                                    shown.add(String.valueOf(error.portal()));
                                    shown.add(String.valueOf(error.action()));
                                }
                            });
        } catch (UnreadableCsvException | IncompleteCsvException e) {
            shown.add(e.getMessage());
        }
        assertThat(shown).noneMatch(s -> s != null && s.contains(SECRET));
    }

    /**
     * A header of the known columns in any order (or none), rows with the password {@link #SECRET} and random other
     * cells (quoted as a writer would), some a cell too long or too short, then cut or spliced with noise at one place.
     */
    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab ,\"'\n=+-@\t\u00e9").ofMaxLength(10),
                Arbitraries.of("acme", "upsert", "delete", "cloud", "office", "sip.example.com", ""));
        Arbitrary<List<String>> header = Arbitraries.shuffle(COLUMNS)
                .flatMap(cols -> Arbitraries.integers().between(2, cols.size()).map(n -> cols.subList(0, n)));
        Arbitrary<String> noise =
                Arbitraries.strings().withChars(",\"\n\r\u0000;ab").ofMaxLength(6);
        return Combinators.combine(
                        header,
                        cell.list().ofSize(COLUMNS.size() + 1).list().ofMaxSize(8),
                        Arbitraries.of(-1, 0, 0, 1).list().ofSize(8),
                        Arbitraries.of(true, false),
                        noise,
                        Arbitraries.integers().between(0, 2000),
                        Arbitraries.of(0, 1, 2))
                .as((cols, rows, shifts, withHeader, spliced, at, how) -> {
                    StringBuilder csv = new StringBuilder();
                    if (withHeader) {
                        csv.append(String.join(",", cols)).append('\n');
                    }
                    for (int r = 0; r < rows.size(); r++) {
                        List<String> row = rows.get(r);
                        List<String> cells = new ArrayList<>();
                        for (int c = 0; c < cols.size(); c++) {
                            cells.add(cols.get(c).equals("password") ? SECRET : quoted(row.get(c)));
                        }
                        // a cell too many or too few: the cells after it, the password among them, move a column
                        if (shifts.get(r) > 0) {
                            cells.add(0, quoted(row.get(cols.size())));
                        } else if (shifts.get(r) < 0 && cells.size() > 1) {
                            cells.remove(0);
                        }
                        csv.append(String.join(",", cells)).append('\n');
                    }
                    String text = csv.toString();
                    int cut = Math.min(at, text.length());
                    return switch (how) {
                        case 0 -> text;
                        case 1 -> text.substring(0, cut);
                        default -> text.substring(0, cut) + spliced + text.substring(cut);
                    };
                });
    }

    private static String quoted(String cell) {
        return cell.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n')
                ? "\"" + cell.replace("\"", "\"\"") + "\""
                : cell;
    }
}
