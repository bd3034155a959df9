package io.github.b24sip.app.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.desired.DeclaredLine;
import io.github.b24sip.app.desired.DeclaredOutgoing;
import io.github.b24sip.app.desired.DeclaredState;
import io.github.b24sip.app.line.ApiErrorAnswered;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineRequest;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.line.LineSynced;
import io.github.b24sip.app.line.LineUndeletable;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.SipApiException;
import io.github.b24sip.camel.bitrix24.Bitrix24SipConstants;
import io.github.b24sip.camel.bitrix24.Bitrix24SipErrorKind;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.github.b24sip.camel.voximplant.model.RegistrationSyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One provisioning command as a one-line sync: an upsert is the desired line, a delete an absent title. Applying by
 * title makes a redelivered command change nothing the second time. This class checks and plans it and reads the
 * sync's report; {@link ApplyCommandRoute} runs the sync in the command's exchange. A command that can never succeed
 * throws {@link CommandRejectedException}; a transient failure throws the component's exception, to be retried.
 */
@ApplicationScoped
@Named("commands")
public class CommandService {

    @Inject
    DeclaredState declared;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Inject
    Portals portals;

    @Inject
    AppConfig config;

    @Inject
    RegistrationCommands registrations;

    @Inject
    Event<LineSynced> synced;

    @Inject
    Event<ApiErrorAnswered> apiErrors;

    @Inject
    Event<LineUndeletable> undeletable;

    /**
     * Checks the payload and plans it as a one-item sync. With {@code checkKey}, a valid command whose record key is not
     * its portal (a registration command's: its account) is rejected: commands are keyed by portal, so that one portal's
     * commands share a partition and are applied in order by one consumer, whichever instance it runs in. Re-keying it
     * instead would not restore that order.
     */
    public CommandPlan plan(String payload, ChangeSource source, boolean checkKey, String key) {
        long limit = config.commands().maxSize().asLongValue();
        if (payload != null && payload.length() > limit) {
            // counted in characters, on the string already in hand, before Jackson builds anything from it
            throw new CommandRejectedException("the command has " + payload.length() + " characters, over "
                    + "b24sip.commands.max-size (" + limit + "); a command is one line");
        }
        LineCommand command = parse(payload);
        if (command.isRegistration()) {
            return registrations.plan(command, source, checkKey, key);
        }
        LineRequest request;
        try {
            LineCommand.Line l = command.line();
            request = LineRequest.of(
                    portals,
                    command.portal(),
                    command.action(),
                    new SipLineSpec(l.title(), l.type(), l.server(), l.login(), l.password(), null));
        } catch (InvalidLineException e) {
            throw new CommandRejectedException("command " + command.id() + ": " + e.getMessage());
        }
        if (checkKey && !request.portal().equals(key)) {
            throw new CommandRejectedException("command " + command.id() + ": the record key "
                    + (key == null ? "is missing" : "'" + key + "' is not the command's portal")
                    + "; produce commands keyed by their portal ('"
                    + request.portal() + "'), so that each portal's commands keep their order");
        }
        boolean upsert = request.action() == LineAction.UPSERT;
        boolean outgoing = Boolean.TRUE.equals(command.outgoing());
        if (outgoing && !upsert) {
            throw new CommandRejectedException(
                    "command " + command.id() + ": outgoing: a deleted line cannot be the default outgoing line");
        }
        String origin = "command " + command.id() + " (" + source.wireName() + ")";
        Instant now = Instant.now();
        declared.declare(
                request.portal(),
                List.of(
                        upsert
                                ? DeclaredLine.of(request.line(), origin, now)
                                : DeclaredLine.absent(request.title(), origin, now)));
        if (outgoing) {
            declared.declareOutgoing(request.portal(), new DeclaredOutgoing(request.title(), origin, now));
        }
        return new CommandPlan.Line(
                command.id(),
                source,
                portals.uri(request.portal(), "sync?prune=false&dryRun=false"),
                upsert ? List.of(request.line()) : List.of(),
                Map.of(Bitrix24SipConstants.ABSENT_TITLES, upsert ? List.of() : List.of(request.title())),
                request.portal(),
                request.action().wireName(),
                request.title(),
                outgoing ? portals.uri(request.portal(), "outgoingSipSet") : null);
    }

    /**
     * The command's result from its sync's report, each item counted; a failed item fails the command: an input error
     * (never retried) as {@link CommandRejectedException}, another as the component's exception (retried).
     */
    public CommandResult result(CommandPlan plan, Object report) {
        if (plan instanceof CommandPlan.Registration r) {
            return registrations.result(r, (RegistrationSyncReport) report);
        }
        CommandPlan.Line line = (CommandPlan.Line) plan;
        SyncReport sync = (SyncReport) report;
        for (SyncItem i : sync.items()) {
            synced.fire(new LineSynced(line.portal(), false, line.source(), LineResult.of(i)));
            if (i.errorCode() != null) {
                apiErrors.fire(new ApiErrorAnswered(line.portal(), i.errorCode()));
            }
            if (LineUndeletable.REG_ID_NOT_FOUND.equals(i.errorCode()) && i.configId() != null) {
                undeletable.fire(new LineUndeletable(line.portal(), i.configId()));
            }
        }
        SyncItem item = sync.itemFor(line.title());
        if (item.failed()) {
            // the component's classifier tells input errors (never retried) from transient ones (retried)
            if (Bitrix24SipErrorKind.of(item.errorCode()) == Bitrix24SipErrorKind.VALIDATION) {
                throw new CommandRejectedException(
                        "command " + line.commandId() + ": " + item.errorCode() + ": " + item.errorDescription());
            }
            throw Bitrix24SipException.of("voximplant.sip", item.errorCode(), item.errorDescription(), 0);
        }
        return new CommandResult(
                line.commandId(),
                line.portal(),
                line.action(),
                line.title(),
                LineResult.of(item),
                item.configId(),
                item.regId(),
                null,
                "line",
                null);
    }

    /** A sync that failed as a whole (network, authentication, limits after the component's retries): counted. */
    public void failed(CommandPlan plan, SipApiException failure) {
        String target = plan instanceof CommandPlan.Line l ? l.portal() : ((CommandPlan.Registration) plan).account();
        // both schemes' exceptions carry the API's own code there (Bitrix24's error, Voximplant's number)
        apiErrors.fire(new ApiErrorAnswered(target, failure.getHttpResponseStatus()));
    }

    /**
     * The command's id, or null when the payload is not a command with one, or is over b24sip.commands.max-size (it is
     * then rejected by apply, unparsed).
     */
    public String idOf(String payload) {
        if (payload != null && payload.length() > config.commands().maxSize().asLongValue()) {
            return null;
        }
        try {
            return parse(payload).id();
        } catch (CommandRejectedException e) {
            return null;
        }
    }

    static LineCommand parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new CommandRejectedException("empty command");
        }
        LineCommand command;
        try {
            command = JSON.readValue(payload, LineCommand.class);
        } catch (UnrecognizedPropertyException e) {
            throw new CommandRejectedException("unknown field '" + e.getPropertyName() + "' in the command");
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the payload, which can hold a password: only the position is kept
            var at = e.getLocation();
            throw new CommandRejectedException("the command is not a valid JSON command object"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (command == null) {
            throw new CommandRejectedException("the command is not a JSON object");
        }
        if (command.id() == null || command.id().isBlank()) {
            throw new CommandRejectedException("id is required");
        }
        if (command.kind() != null && !command.isRegistration() && !"line".equals(command.kind())) {
            throw new CommandRejectedException(
                    "command " + command.id() + ": kind must be line or registration, not '" + command.kind() + "'");
        }
        if (command.isRegistration()) {
            if (command.registration() == null) {
                throw new CommandRejectedException("command " + command.id() + ": registration is required");
            }
            if (command.outgoing() != null) {
                throw new CommandRejectedException(
                        "command " + command.id() + ": outgoing is for a line command, not a registration");
            }
        } else if (command.line() == null) {
            throw new CommandRejectedException("command " + command.id() + ": line is required");
        }
        return command;
    }
}
