package io.github.b24sip.app.csv;

import io.github.b24sip.app.desired.DeclaredLine;
import io.github.b24sip.app.desired.DeclaredOutgoing;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.desired.DriftWatch;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The portal side of one lines file's run: its chunks declared, then synced through the portal's component. Every call
 * is made for the exchange the file came with (the inbox route's, the upload's), so a file is one trace from its route
 * to each REST request, whichever lane thread applies a chunk.
 */
final class CsvLaneSync implements CsvFileRun.LaneSync {

    private final String file;
    private final Exchange cause;
    private final PortalSync sync;
    private final DeclaredState declared;
    private final DriftWatch drift;

    CsvLaneSync(String file, Exchange cause, PortalSync sync, DeclaredState declared, DriftWatch drift) {
        this.file = file;
        this.cause = cause;
        this.sync = sync;
        this.declared = declared;
        this.drift = drift;
    }

    @Override
    public void declare(String portal, List<CsvRow> chunk) {
        Instant now = Instant.now();
        declared.declare(
                portal,
                chunk.stream()
                        .map(r -> r.action() == LineAction.DELETE
                                ? DeclaredLine.absent(r.title(), origin(r), now)
                                : DeclaredLine.of(r.line(), origin(r), now))
                        .toList());
        chunk.stream()
                .filter(CsvRow::outgoing)
                .forEach(r -> declared.declareOutgoing(portal, new DeclaredOutgoing(r.title(), origin(r), now)));
    }

    @Override
    public void declareMirror(String portal, Predicate<String> named) {
        declared.mirror(portal, named, file);
    }

    @Override
    public void setOutgoing(String portal, int configId) {
        sync.setOutgoing(cause, portal, ChangeSource.CSV, configId);
    }

    @Override
    public Set<Integer> undeletable(String portal) {
        return drift.undeletable(portal);
    }

    @Override
    public SyncReport sync(String portal, SyncRequest request) {
        return sync.sync(cause, portal, ChangeSource.CSV, request);
    }

    @Override
    public List<SipLine> lines(String portal) {
        return sync.lines(cause, portal);
    }

    /** Where a declaration came from: the file and its row, as the operator page shows it. */
    private String origin(CsvRow row) {
        return file + " row " + row.row();
    }
}
