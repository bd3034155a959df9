package io.github.b24sip.app.web;

import io.github.b24sip.app.account.Accounts;
import io.github.b24sip.app.account.RegistrationBoard;
import io.github.b24sip.app.command.CommandResult;
import io.github.b24sip.app.csv.CsvFileFinished;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.desired.DriftRecord;
import io.github.b24sip.app.desired.DriftWatch;
import io.github.b24sip.app.observe.RecentActivity;
import io.github.b24sip.app.portal.PortalActivity;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.app.status.LineBoard;
import io.github.b24sip.app.status.LineStatus;
import io.github.b24sip.app.status.PortalInventory;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operator page. At {@code /}: one line per portal (where it came from, its state, who polls it, its lines by
 * state), found by name, domain or member_id and paged, so a fleet of thousands stays usable; then the latest CSV
 * files with their reports, command results and dead letters. At {@code /portals/<name>}: that portal's summary (cloud
 * lines by state, office lines, the SIP connector) and every line with its recent state changes. The Qute templates
 * escape everything they print.
 */
@ApplicationScoped
public class OperatorPage {

    static final List<String> STATES = List.of("success", "in_progress", "wait", "error");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @TemplateData
    @RegisterForReflection
    public record StateCount(String state, int count) {}

    @TemplateData
    @RegisterForReflection
    public record AccountRow(String name, int total, List<StateCount> states) {}

    @TemplateData
    @RegisterForReflection
    public record Change(String at, String status, String code) {}

    @TemplateData
    @RegisterForReflection
    public record Line(
            String title,
            String type,
            int configId,
            String status,
            String code,
            String message,
            String updated,
            List<Change> timeline) {}

    @TemplateData
    @RegisterForReflection
    public record Portal(
            String name,
            int cloudLines,
            List<StateCount> states,
            int officeLines,
            String connector,
            String inventoryNote,
            List<Line> lines) {}

    /** A portal's line on the overview. */
    @TemplateData
    @RegisterForReflection
    public record PortalRow(
            String name,
            String source,
            String state,
            String polledBy,
            String lastPoll,
            int cloudLines,
            List<StateCount> states,
            int officeLines,
            String drift) {}

    /** A line that differs from its declaration, on its portal's page: the field names, never their values. */
    @TemplateData
    @RegisterForReflection
    public record DriftRow(
            String title, String configId, String kind, String fields, String since, String lastRepair, String note) {}

    /** Portals on one page of the overview. */
    static final int PAGE_SIZE = 50;

    @TemplateData
    /** A CSV on the page: {@code source} is inbox or upload, {@code reason} why it went to error/ (else empty). */
    @RegisterForReflection
    public record FileRow(
            String at,
            String file,
            String source,
            String mode,
            String outcome,
            int rows,
            String totals,
            String reason,
            String csvHref,
            String jsonHref) {

        public boolean hasReport() {
            return csvHref != null;
        }
    }

    @TemplateData
    @RegisterForReflection
    public record CommandRow(
            String at, String source, String portal, String action, String title, String outcome, String error) {}

    @TemplateData
    @RegisterForReflection
    public record DeadLetterRow(String at, String source, String reason) {}

    @Inject
    @Location("operator.html")
    Template template;

    @Inject
    @Location("portal.html")
    Template portalTemplate;

    @Inject
    Portals portalRegistry;

    @Inject
    OperatorAccess access;

    @Inject
    PortalActivity activity;

    @Inject
    LineBoard board;

    @Inject
    PortalInventory inventory;

    @Inject
    RecentActivity recent;

    @Inject
    Accounts accounts;

    @Inject
    RegistrationBoard registrations;

    @Inject
    DriftWatch drift;

    @Inject
    DeclaredState declared;

    /** The overview: page {@code page} (from 1) of the portals matching {@code query} (all when blank). */
    public String render(String query, int page) {
        String q = query == null ? "" : query.trim();
        String needle = q.toLowerCase(Locale.ROOT);
        List<PortalDefinition> matching = portalRegistry.definitions().stream()
                .filter(p -> needle.isEmpty()
                        || p.name().contains(needle)
                        || p.domain() != null && p.domain().contains(needle)
                        || p.memberId() != null
                                && p.memberId().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, page), pages);
        List<PortalDefinition> shown =
                matching.subList((current - 1) * PAGE_SIZE, Math.min(matching.size(), current * PAGE_SIZE));
        Map<String, List<LineStatus>> board = this.board.snapshot();
        List<PortalRow> rows = new ArrayList<>();
        for (PortalDefinition p : shown) {
            rows.add(row(p, board.getOrDefault(p.name(), List.of())));
        }
        List<AccountRow> accountRows = new ArrayList<>();
        for (String account : accounts.names()) {
            List<StateCount> states = new ArrayList<>();
            int total = 0;
            for (String state : List.of("successful", "failed", "in-progress", "deactivated")) {
                int count = (int) registrations.count(account, state);
                total += count;
                if (count > 0) {
                    states.add(new StateCount(state, count));
                }
            }
            accountRows.add(new AccountRow(account, total, states));
        }
        return template.data("rows", rows)
                .data("signOut", access.required())
                .data("accounts", accountRows)
                .data("query", q)
                .data("queryParam", URLEncoder.encode(q, StandardCharsets.UTF_8))
                .data("shown", rows.size())
                .data("total", portalRegistry.definitions().size())
                .data("page", current)
                .data("pages", pages)
                .data("previousPage", current - 1)
                .data("nextPage", current + 1)
                .data("files", recent.files().stream().map(OperatorPage::file).toList())
                .data(
                        "commands",
                        recent.commands().stream().map(OperatorPage::command).toList())
                .data(
                        "deadLetters",
                        recent.deadLetters().stream()
                                .map(d -> new DeadLetterRow(
                                        time(d.at()), d.source().wireName(), d.reason()))
                                .toList())
                .render();
    }

    /** A portal's own page; empty when there is no such portal. */
    public Optional<String> renderPortal(String name) {
        Optional<PortalDefinition> portal = portalRegistry.definition(name);
        if (portal.isEmpty()) {
            return Optional.empty();
        }
        PortalDefinition p = portal.get();
        List<LineStatus> statuses = board.snapshot().getOrDefault(name, List.of());
        String meta =
                "Source: " + p.source().wireName() + " · state: " + p.state().wireName()
                        + (p.problem() == null ? "" : " (" + p.problem() + ")") + " · polled by: "
                        + activity.polledBy(name).orElse("nobody yet")
                        + activity.lastPoll(name)
                                .map(t -> " · last poll here: " + time(t))
                                .orElse("");
        return Optional.of(portalTemplate
                .data("portal", portal(name, statuses))
                .data("meta", meta)
                .data("driftPolicy", declared.policy(p).wireName())
                .data("drifts", drifts(name))
                .render());
    }

    private PortalRow row(PortalDefinition p, List<LineStatus> statuses) {
        List<StateCount> states = new ArrayList<>();
        for (String state : STATES) {
            int count = (int)
                    statuses.stream().filter(s -> state.equals(s.status())).count();
            if (count > 0) {
                states.add(new StateCount(state, count));
            }
        }
        int office = inventory
                .of(p.name())
                .map(snapshot -> (int) snapshot.lines().stream()
                        .filter(l -> !"cloud".equals(l.type()))
                        .count())
                .orElse(0);
        return new PortalRow(
                p.name(),
                p.source().wireName(),
                p.state().wireName(),
                activity.polledBy(p.name()).orElse("nobody yet"),
                activity.lastPoll(p.name()).map(OperatorPage::time).orElse(""),
                statuses.size(),
                states,
                office,
                driftSummary(p.name()));
    }

    /** "2 changed, 1 missing": the portal's lines in drift as this instance last polled it; empty when none. */
    private String driftSummary(String portal) {
        return drift.lastSeen(portal)
                .map(record -> record.reported().values().stream()
                        .collect(Collectors.groupingBy(
                                r -> r.drift().kind().wireName(), TreeMap::new, Collectors.counting()))
                        .entrySet()
                        .stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")))
                .orElse("");
    }

    private List<DriftRow> drifts(String portal) {
        DriftRecord record = drift.lastSeen(portal).orElse(null);
        if (record == null) {
            return List.of();
        }
        List<DriftRow> rows = new ArrayList<>();
        record.reported().forEach((key, reported) -> {
            List<Instant> repairs = record.repairs().getOrDefault(key, List.of());
            rows.add(new DriftRow(
                    reported.drift().title() == null ? "" : reported.drift().title(),
                    reported.drift().configId() == null
                            ? ""
                            : reported.drift().configId().toString(),
                    reported.drift().kind().wireName(),
                    String.join(", ", reported.drift().fields()),
                    time(reported.since()),
                    repairs.isEmpty() ? "" : time(repairs.get(repairs.size() - 1)),
                    record.suspended().containsKey(key) ? "repair suspended" : ""));
        });
        rows.sort(Comparator.comparing(DriftRow::title, String::compareToIgnoreCase));
        return rows;
    }

    private Portal portal(String name, List<LineStatus> statuses) {
        Map<Integer, LineStatus> byId = statuses.stream()
                .collect(Collectors.toMap(LineStatus::configId, s -> s, (a, b) -> b, LinkedHashMap::new));
        PortalInventory.Snapshot snapshot = inventory.of(name).orElse(null);
        List<Line> lines = new ArrayList<>();
        if (snapshot != null) {
            for (SipLine l : snapshot.lines()) {
                LineStatus status = byId.remove(l.configId());
                if (status != null) {
                    lines.add(cloud(name, status));
                } else if ("cloud".equals(l.type())) {
                    lines.add(new Line(l.title(), "cloud", l.configId(), "not polled yet", "", "", "", List.of()));
                } else {
                    lines.add(new Line(
                            l.title(),
                            l.type(),
                            l.configId(),
                            "office line",
                            "",
                            "no Voximplant registration",
                            "",
                            List.of()));
                }
            }
        }
        byId.values().forEach(s -> lines.add(cloud(name, s)));
        lines.sort(Comparator.comparing(Line::title, Comparator.nullsLast(String::compareToIgnoreCase)));

        List<StateCount> states = new ArrayList<>();
        for (String state : STATES) {
            int count = (int) lines.stream()
                    .filter(l -> "cloud".equals(l.type()) && state.equals(l.status()))
                    .count();
            if (count > 0) {
                states.add(new StateCount(state, count));
            }
        }
        int cloud = (int) lines.stream().filter(l -> "cloud".equals(l.type())).count();
        return new Portal(name, cloud, states, lines.size() - cloud, connector(snapshot), note(snapshot), lines);
    }

    private Line cloud(String portal, LineStatus s) {
        List<Change> timeline = board.timeline(portal, s.configId()).stream()
                .map(c -> new Change(
                        time(c.at()),
                        c.status(),
                        c.statusCode() == null ? "" : c.statusCode().toString()))
                .toList();
        return new Line(
                s.title(),
                "cloud",
                s.configId(),
                s.status(),
                s.statusCode() == null ? "" : s.statusCode().toString(),
                s.errorMessage() == null ? "" : s.errorMessage(),
                s.lastUpdated() == null ? "" : s.lastUpdated(),
                timeline);
    }

    private static String connector(PortalInventory.Snapshot snapshot) {
        ConnectorStatus c = snapshot == null ? null : snapshot.connector();
        if (c == null) {
            return "not read yet";
        }
        return c.paid()
                ? "paid"
                        + (c.paidDateEnd() == null
                                ? ""
                                : " until " + c.paidDateEnd().toLocalDate()) + ", free minutes: " + c.freeMinutes()
                : "not paid, free minutes: " + c.freeMinutes();
    }

    private static String note(PortalInventory.Snapshot snapshot) {
        if (snapshot == null) {
            return "Office lines and the connector are read every few minutes; not read yet.";
        }
        return snapshot.error() == null
                ? "Lines and connector read at " + time(snapshot.at()) + "."
                : "Reading lines and connector failed at " + time(snapshot.at()) + ": " + snapshot.error();
    }

    private static FileRow file(CsvFileFinished f) {
        String mode = f.dryRun() ? "dry run" : f.mirror() ? "mirror" : "apply";
        String totals = f.totals().entrySet().stream()
                .filter(e -> e.getValue() > 0 && !"rows".equals(e.getKey()))
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        return new FileRow(
                time(f.at()),
                f.origin().name(),
                f.origin().upload() ? "upload" : "inbox",
                mode,
                f.outcome().wireName(),
                f.rows(),
                totals,
                f.reason() == null ? "" : f.reason(),
                f.report() ? href(f.origin().reportPath(".report.csv")) : null,
                f.report() ? href(f.origin().reportPath(".report.json")) : null);
    }

    private static CommandRow command(RecentActivity.CommandDone c) {
        CommandResult r = c.result();
        return new CommandRow(
                time(c.at()),
                c.source().wireName(),
                r.account() != null ? r.account() : r.portal(),
                r.action(),
                r.title(),
                r.outcome().wireName(),
                r.error() == null ? "" : r.error());
    }

    /** A link relative to the page, so it works behind a path prefix too. */
    private static String href(String reportPath) {
        int slash = reportPath.lastIndexOf('/');
        return "reports/" + reportPath.substring(0, slash + 1)
                + URLEncoder.encode(reportPath.substring(slash + 1), StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    private static String time(Instant at) {
        return TIME.format(at);
    }
}
