package io.github.b24sip.app.csv;

import io.github.b24sip.app.account.AccountSync;
import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.desired.DeclaredRegistration;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.camel.voximplant.VoximplantSipException;
import io.github.b24sip.camel.voximplant.VoximplantSipValidationException;
import io.github.b24sip.camel.voximplant.model.RegistrationSpec;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncItem;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A registrations CSV: a header with {@code account} and {@code sip_username} (and {@code proxy}, {@code auth_user},
 * {@code outbound_proxy}, {@code password}, {@code application}, {@code rule}, {@code user}, {@code action}). Each row
 * is checked alone (a bad one is {@code invalid}, naming its row and field); the valid rows go to
 * {@code voximplant-sip-<account>:sync}, one call per account (a mirror file prunes each account it names), and every
 * row gets its outcome in the report.
 */
public final class RegistrationsFile {

    static final Set<String> COLUMNS = Set.of(
            "account",
            "sip_username",
            "proxy",
            "auth_user",
            "outbound_proxy",
            "password",
            "application",
            "rule",
            "user",
            "action");
    private static final List<String> SPEC_COLUMNS =
            List.of("sip_username", "proxy", "auth_user", "outbound_proxy", "password", "application", "rule", "user");

    private static final Logger LOG = Logger.getLogger(RegistrationsFile.class);

    /** One valid row, on its way to its account's sync. */
    @RegisterForReflection
    public record Row(int row, String account, String action, Map<String, String> registration) {
        String key() {
            return RegistrationSpec.key(registration.get("sip_username"), registration.get("proxy"));
        }
    }

    private final String file;
    /** The exchange the file came with: the file's calls are made for it, in its trace. */
    private final Exchange cause;

    private final Accounts accounts;
    private final AccountSync sync;
    private final DeclaredState declared;
    private final OutcomeLog outcomes;

    RegistrationsFile(
            String file,
            Exchange cause,
            int rows,
            ReportFile report,
            Accounts accounts,
            AccountSync sync,
            DeclaredState declared) {
        this.file = file;
        this.cause = cause;
        this.accounts = accounts;
        this.sync = sync;
        this.declared = declared;
        this.outcomes = new OutcomeLog(file, rows, report);
    }

    /** True when a header names a registrations file: it has the account and sip_username columns. */
    static boolean isRegistrationsHeader(String[] names) {
        List<String> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        }
        return columns.contains("account") && columns.contains("sip_username");
    }

    /** Reads every row, applies each account's valid rows, and records every row's outcome. */
    void apply(InputStream in, boolean mirror, boolean dryRun) {
        Map<String, List<Row>> byAccount = new LinkedHashMap<>();
        TitleIndex keys = new TitleIndex();
        Map<String, Integer> header = new LinkedHashMap<>();
        int[] rowNumber = {1};
        CsvLinesReader.records(in, names -> header.putAll(header(names)), fields -> {
            rowNumber[0]++;
            Row row = check(rowNumber[0], header, fields, keys);
            if (row != null) {
                byAccount.computeIfAbsent(row.account(), a -> new ArrayList<>()).add(row);
            }
        });
        byAccount.forEach((account, rows) -> applyAccount(account, rows, mirror, dryRun));
    }

    /** The file's outcomes so far: totals, failed rows, rows with an outcome. */
    OutcomeLog outcomes() {
        return outcomes;
    }

    private Row check(int number, Map<String, Integer> header, String[] fields, TitleIndex keys) {
        Map<String, String> values = new LinkedHashMap<>();
        header.forEach((column, index) -> {
            String v = index < fields.length ? fields[index] : null;
            values.put(column, v == null || v.isBlank() ? null : v.trim());
        });
        String key = values.get("sip_username") + "@" + values.get("proxy");
        String action =
                values.get("action") == null ? "upsert" : values.get("action").toLowerCase(Locale.ROOT);
        try {
            if (fields.length != header.size()) {
                throw new InvalidLineException(
                        "row", "has " + fields.length + " fields; the header has " + header.size());
            }
            String account = accounts.resolve(values.get("account"))
                    .orElseThrow(() -> new InvalidLineException(
                            "account",
                            values.get("account") == null
                                    ? "is required"
                                    : "'" + values.get("account") + "' is not a configured account "
                                            + accounts.names()));
            if (!action.equals("upsert") && !action.equals("delete")) {
                throw new InvalidLineException(
                        "action", "must be upsert or delete, not '" + values.get("action") + "'");
            }
            Map<String, String> registration = new LinkedHashMap<>();
            for (String column : SPEC_COLUMNS) {
                if (values.get(column) != null) {
                    registration.put(column, values.get(column));
                }
            }
            try {
                RegistrationSpec.from(registration);
            } catch (VoximplantSipValidationException e) {
                String field = e.getField() == null ? "row" : e.getField();
                // the component's message starts with the field, which the report has in a column of its own
                String reason =
                        e.getMsg().startsWith(field + " ") ? e.getMsg().substring(field.length() + 1) : e.getMsg();
                throw new InvalidLineException(field, reason);
            }
            Row row = new Row(number, account, action, registration);
            int first = keys.putIfAbsent(account, row.key(), number);
            if (first != 0) {
                throw new InvalidLineException(
                        "sip_username", "'" + key + "' is already in row " + first + " for account " + account);
            }
            return row;
        } catch (InvalidLineException e) {
            LOG.warnf("%s: row %d: %s %s", file, number, e.field(), e.reason());
            outcomes.record(new RowOutcome(
                    number,
                    values.get("account"),
                    key,
                    action,
                    LineResult.INVALID,
                    null,
                    null,
                    null,
                    e.field(),
                    "INVALID_ROW",
                    e.reason()));
            return null;
        }
    }

    private void applyAccount(String account, List<Row> rows, boolean mirror, boolean dryRun) {
        List<Map<String, String>> desired = new ArrayList<>();
        List<Map<String, String>> absent = new ArrayList<>();
        for (Row row : rows) {
            (row.action().equals("delete") ? absent : desired).add(row.registration());
        }
        if (!dryRun) {
            Instant now = Instant.now();
            declared.declareRegistrations(
                    account,
                    rows.stream()
                            .map(r -> DeclaredRegistration.of(
                                    r.registration(), r.action().equals("delete"), file + " row " + r.row(), now))
                            .toList());
        }
        RegistrationSyncReport report;
        try {
            report = sync.sync(cause, account, ChangeSource.CSV, desired, absent, mirror, dryRun);
        } catch (VoximplantSipException e) {
            LOG.warnf("%s: account %s: sync of %d rows failed: %s", file, account, rows.size(), e.getMessage());
            rows.forEach(r -> outcomes.record(outcome(r, LineResult.FAILED, null, null, e.getCode() + "", e.getMsg())));
            return;
        }
        Map<String, Row> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        for (RegistrationSyncItem item : report.items()) {
            Row row = item.key() == null ? null : byKey.remove(item.key());
            LineResult result = LineResult.of(item.action(), item.outcome());
            if (row == null) {
                // an account's registration the file does not name: pruned (mirror)
                outcomes.record(new RowOutcome(
                        null,
                        account,
                        item.key(),
                        "prune",
                        result,
                        item.action().name().toLowerCase(Locale.ROOT),
                        null,
                        item.sipRegistrationId(),
                        null,
                        item.errorCode(),
                        item.errorDescription()));
            } else {
                outcomes.record(outcome(
                        row,
                        result,
                        item.action().name().toLowerCase(Locale.ROOT),
                        item.sipRegistrationId(),
                        item.errorCode(),
                        item.errorDescription()));
            }
        }
        // a row the report did not name would leave the report without its outcome: never silently
        byKey.values()
                .forEach(r -> outcomes.record(outcome(
                        r, LineResult.FAILED, null, null, CsvFileRun.UNEXPECTED, "the sync's report has no item")));
    }

    private static RowOutcome outcome(
            Row row, LineResult result, String plan, Long id, String errorCode, String error) {
        return new RowOutcome(
                row.row(),
                row.account(),
                row.registration().get("sip_username") + "@"
                        + row.registration().get("proxy"),
                row.action(),
                result,
                plan,
                null,
                id,
                null,
                errorCode,
                error);
    }

    static Map<String, Integer> header(String[] names) {
        List<String> columns = new ArrayList<>(List.of("account"));
        columns.addAll(SPEC_COLUMNS);
        columns.add("action");
        return CsvLinesReader.columns(names, COLUMNS, columns, " of a registrations file");
    }
}
