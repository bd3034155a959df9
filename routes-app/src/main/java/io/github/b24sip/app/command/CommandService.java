package io.github.b24sip.app.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineRequest;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.portal.PortalSync;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.camel.bitrix24.Bitrix24SipErrorKind;
import io.github.b24sip.camel.bitrix24.Bitrix24SipException;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.sync.SyncRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * Applies one provisioning command as a one-line sync: an upsert is the desired line, a delete an absent title.
 * Applying by title makes a redelivered command change nothing the second time. A command that can never succeed
 * throws {@link CommandRejectedException}; a transient failure throws the component's exception, to be retried.
 */
@ApplicationScoped
@Named("commands")
public class CommandService {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Inject
    Portals portals;

    @Inject
    PortalSync sync;

    @Inject
    AppConfig config;

    @Inject
    RegistrationCommands registrations;

    public CommandResult apply(String payload, ChangeSource source) {
        return apply(payload, source, false, null);
    }

    /**
     * As {@link #apply(String, String)}; with {@code checkKey}, a valid command whose record key is not its portal is
     * rejected: commands are keyed by portal, so that one portal's commands share a partition and are applied in
     * order by one consumer, whichever instance it runs in. Re-keying it instead would not restore that order.
     */
    public CommandResult apply(String payload, ChangeSource source, boolean checkKey, String key) {
        long limit = config.commands().maxSize().asLongValue();
        if (payload != null && payload.length() > limit) {
            // counted in characters, on the string already in hand, before Jackson builds anything from it
            throw new CommandRejectedException("the command has " + payload.length() + " characters, over "
                    + "b24sip.commands.max-size (" + limit + "); a command is one line");
        }
        LineCommand command = parse(payload);
        if (command.isRegistration()) {
            return registrations.apply(command, source, checkKey, key);
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
        SyncRequest syncRequest = upsert
                ? SyncRequest.of(List.of(request.line()))
                : SyncRequest.of(List.of()).withAbsentTitles(List.of(request.title()));
        SyncItem item = sync.sync(request.portal(), source, syncRequest).itemFor(request.title());
        if (item.failed()) {
            // the component's classifier tells input errors (never retried) from transient ones (retried)
            if (Bitrix24SipErrorKind.of(item.errorCode()) == Bitrix24SipErrorKind.VALIDATION) {
                throw new CommandRejectedException(
                        "command " + command.id() + ": " + item.errorCode() + ": " + item.errorDescription());
            }
            throw Bitrix24SipException.of("voximplant.sip", item.errorCode(), item.errorDescription(), 0);
        }
        return new CommandResult(
                command.id(),
                request.portal(),
                request.action().wireName(),
                request.title(),
                LineResult.of(item),
                item.configId(),
                item.regId(),
                null,
                "line",
                null);
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
        } else if (command.line() == null) {
            throw new CommandRejectedException("command " + command.id() + ": line is required");
        }
        return command;
    }
}
