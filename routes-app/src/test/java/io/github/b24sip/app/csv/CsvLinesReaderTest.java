package io.github.b24sip.app.csv;

import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.PortalNames;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV reader on its own: bytes in, rows and row errors out; no app, no server. */
class CsvLinesReaderTest {

    /** Two portals, acme and beta; beta is also reached by its domain. */
    private static final PortalNames PORTALS = new PortalNames() {
        @Override
        public Set<String> names() {
            return Set.of("acme", "beta");
        }

        @Override
        public Optional<String> resolve(String reference) {
            String r = reference.trim();
            return r.equals("beta.bitrix24.com")
                    ? Optional.of("beta")
                    : names().contains(r) ? Optional.of(r) : Optional.empty();
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

    private final List<CsvRow> rows = new ArrayList<>();
    private final List<RowError> errors = new ArrayList<>();

    private int read(String csv) {
        return new CsvLinesReader(PORTALS).read(in(csv), new TitleIndex(), new CsvLinesReader.RowHandler() {
            @Override
            public void row(CsvRow row) {
                rows.add(row);
            }

            @Override
            public void invalid(RowError error) {
                errors.add(error);
            }
        });
    }

    private static InputStream in(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void columnsComeInAnyOrderAndABomAndQuotingAreRead() {
        int count = read("\uFEFFtitle,portal,server,login,password,type,action\n"
                + "\"Sales, main\",beta.bitrix24.com,sip.example.com,l1,\"p\"\"w\",cloud,upsert\n"
                + "Old,acme,,,,,delete\n");
        assertThat(count).isEqualTo(2);
        assertThat(errors).isEmpty();
        assertThat(rows)
                .extracting(CsvRow::row, CsvRow::portal, CsvRow::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "beta", LineAction.UPSERT),
                        org.assertj.core.groups.Tuple.tuple(3, "acme", LineAction.DELETE));
        assertThat(rows.get(0).line().title()).isEqualTo("Sales, main");
        assertThat(rows.get(0).line().password()).isEqualTo("p\"w");
    }

    @Test
    void aBadRowNamesItsRowAndFieldAndTheOtherRowsGoOn() {
        read("portal,title,server,login,password,action\n"
                + "acme,A,sip.example.com,l,p,upsert\n"
                + "nowhere,B,sip.example.com,l,p,upsert\n"
                + "acme,C,sip.example.com,l,p,rename\n"
                + "acme,D,sip.example.com,l,p\n"
                + "acme,E,sip.example.com,l,p,upsert\n");
        assertThat(rows).extracting(r -> r.line().title()).containsExactly("A", "E");
        assertThat(errors)
                .extracting(RowError::row, RowError::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "portal"),
                        org.assertj.core.groups.Tuple.tuple(4, "action"),
                        org.assertj.core.groups.Tuple.tuple(5, "row"));
    }

    @Test
    void aTitleGivenTwiceForOnePortalIsRefusedInItsSecondRowAsThePortalComparesTitles() {
        read("portal,title,server,login,password\n"
                + "acme,Sales,sip.example.com,l,p\n"
                + "beta,Sales,sip.example.com,l,p\n"
                + "acme, sales ,sip.example.com,l,p\n");
        assertThat(rows).extracting(CsvRow::row).containsExactly(2, 3);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("title");
            assertThat(e.reason()).contains("already in row 2");
        });
    }

    @Test
    void oneRowPerPortalNamesItsDefaultOutgoingLineAndOnlyAnUpsertCan() {
        read("portal,title,server,login,password,action,outgoing\n"
                + "acme,A,sip.example.com,l,p,upsert,yes\n"
                + "beta,B,sip.example.com,l,p,upsert,TRUE\n"
                + "acme,C,sip.example.com,l,p,upsert,yes\n"
                + "acme,D,,,,delete,yes\n"
                + "acme,E,sip.example.com,l,p,upsert,maybe\n"
                + "acme,F,sip.example.com,l,p,upsert,\n");
        assertThat(rows)
                .extracting(CsvRow::row, CsvRow::outgoing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, true),
                        org.assertj.core.groups.Tuple.tuple(3, true),
                        org.assertj.core.groups.Tuple.tuple(7, false));
        assertThat(errors)
                .extracting(RowError::row, RowError::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "outgoing"),
                        org.assertj.core.groups.Tuple.tuple(5, "outgoing"),
                        org.assertj.core.groups.Tuple.tuple(6, "outgoing"));
        assertThat(errors.get(0).reason()).contains("row 2");
    }

    @Test
    void aFileThatCannotBeReadToItsEndIsRefusedBeforeAnyRowAndAnUnknownColumnToo() {
        byte[] notUtf8 = {'p', 'o', 'r', 't', 'a', 'l', ',', 't', 'i', 't', 'l', 'e', '\n', 'a', ',', (byte) 0xC3, '\n'
        };
        assertThatThrownBy(() -> CsvLinesReader.check(new ByteArrayInputStream(notUtf8)))
                .isInstanceOf(UnreadableCsvException.class);
        assertThatThrownBy(() -> CsvLinesReader.check(in("portal,title,colour\nacme,A,red\n")))
                .isInstanceOf(UnreadableCsvException.class)
                .hasMessageContaining("unknown column 3 (by position)")
                .hasMessageNotContaining("colour");
    }

    @Test
    void theFirstPassTellsARegistrationsFileByItsHeaderAndCountsTheRows() {
        assertThat(CsvLinesReader.check(in("account,sip_username,proxy\nvox,100,sip.example\nvox,101,sip.example\n")))
                .isEqualTo(new CsvLinesReader.Check(true, 2));
        assertThat(CsvLinesReader.check(in("portal,title\nacme,A\n"))).isEqualTo(new CsvLinesReader.Check(false, 1));
        assertThatThrownBy(() -> CsvLinesReader.check(in("account,sip_username,colour\nvox,100,red\n")))
                .isInstanceOf(UnreadableCsvException.class)
                .hasMessageContaining("registrations file");
    }

    @Test
    void theArchivedCopyHasEveryPasswordReplaced() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvLinesReader.redactPasswords(in("portal,title,password\nacme,A,secret-1\nacme,B,\n"), out);
        String archived = out.toString(StandardCharsets.UTF_8);
        assertThat(archived).doesNotContain("secret-1").contains("***");
    }
}
