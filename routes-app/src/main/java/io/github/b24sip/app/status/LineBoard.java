package io.github.b24sip.app.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.app.line.StatusEventSent;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.jdbc.JdbcStatusStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The last known status of every polled line, per portal, for /api/lines and the status page. */
@ApplicationScoped
@Named("lineBoard")
public class LineBoard {

    /** One state a line entered, for its timeline on the operator page. */
    @RegisterForReflection
    public record Change(Instant at, String status, Integer statusCode) {}

    private final Map<String, Map<Integer, LineStatus>> portals = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Deque<Change>>> timelines = new ConcurrentHashMap<>();

    @Inject
    Event<StatusEventSent> sent;

    @Inject
    SharedStore shared;

    @Inject
    Portals portalRegistry;

    @Inject
    ObjectMapper json;

    @Inject
    AppConfig config;

    /** The registration states a cloud line reports (STATUS_RESULT), as the {@code b24sip_lines} gauge tags them. */
    public static final List<String> STATES = List.of("success", "error", "in_progress", "wait");

    /** Lines of a portal in a state now, among those this instance polls. */
    public long count(String portal, String state) {
        return portals.getOrDefault(portal, Map.of()).values().stream()
                .filter(l -> state.equals(l.status()))
                .count();
    }

    public void record(LineStatus status) {
        sent.fire(new StatusEventSent(status.portal(), status.removed() ? "removed" : status.status()));
        if (portalRegistry.definition(status.portal()).isEmpty()) {
            return; // the last events of a portal removed meanwhile: they still go out, but not back on the board
        }
        Map<Integer, LineStatus> lines = portals.computeIfAbsent(status.portal(), p -> new ConcurrentHashMap<>());
        Map<Integer, Deque<Change>> portalTimelines =
                timelines.computeIfAbsent(status.portal(), p -> new ConcurrentHashMap<>());
        if (status.removed()) {
            lines.remove(status.configId());
            portalTimelines.remove(status.configId());
        } else {
            lines.put(status.configId(), status);
            Deque<Change> timeline = portalTimelines.computeIfAbsent(status.configId(), id -> new ArrayDeque<>());
            synchronized (timeline) {
                timeline.addLast(new Change(Instant.now(), status.status(), status.statusCode()));
                while (timeline.size() > Math.max(1, config.page().timeline())) {
                    timeline.removeFirst();
                }
            }
        }
    }

    /**
     * Portal name → its lines ordered by title. With several instances, read from the shared store, so every instance
     * shows the same whichever one polls the portal.
     */
    public Map<String, List<LineStatus>> snapshot() {
        if (shared.enabled()) {
            Map<String, List<SipLineStatusEvent>> stored = JdbcStatusStore.loadAll(shared.dataSource(), json);
            Map<String, List<LineStatus>> out = new TreeMap<>();
            for (String portal : portalRegistry.names()) {
                List<LineStatus> lines = new ArrayList<>();
                stored.getOrDefault(portal, List.of()).forEach(e -> lines.add(LineStatus.of(portal, e)));
                lines.sort(Comparator.comparing(LineStatus::title, Comparator.nullsLast(String::compareTo)));
                out.put(portal, lines);
            }
            return out;
        }
        Map<String, List<LineStatus>> out = new TreeMap<>();
        portals.forEach((portal, lines) -> {
            List<LineStatus> sorted = new ArrayList<>(lines.values());
            sorted.sort(Comparator.comparing(LineStatus::title, Comparator.nullsLast(String::compareTo)));
            out.put(portal, sorted);
        });
        return out;
    }

    /** The states a line entered lately on this instance, oldest first (the instance that polls its portal). */
    public List<Change> timeline(String portal, int configId) {
        Deque<Change> timeline = timelines.getOrDefault(portal, Map.of()).get(configId);
        if (timeline == null) {
            return List.of();
        }
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }

    /** Makes a portal appear (with no lines yet) before its first poll answers. */
    public void expect(String portal) {
        portals.computeIfAbsent(portal, p -> new ConcurrentHashMap<>());
    }

    /** A portal removed: its lines leave the board (its reports and the events already sent stay where they went). */
    public void forget(String portal) {
        portals.remove(portal);
        timelines.remove(portal);
    }
}
