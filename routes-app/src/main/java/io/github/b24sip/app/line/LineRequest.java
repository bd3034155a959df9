package io.github.b24sip.app.line;

import io.github.b24sip.camel.bitrix24.Bitrix24SipValidationException;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.support.SpecValidator;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * One line to upsert or delete on one portal, checked the same way for a CSV row and for a command: the portal is
 * known (or, left out, {@value #DEFAULT_PORTAL_SETTING}), the action and type are known, and an upsert has what {@code voximplant.sip.add} needs.
 */
@RegisterForReflection
public record LineRequest(String portal, LineAction action, SipLineSpec line) {

    /** The setting that names where a row or command without a portal goes. */
    public static final String DEFAULT_PORTAL_SETTING = "b24sip.default-portal";

    public static LineRequest of(PortalNames portals, String portal, String action, SipLineSpec line) {
        String target = blank(portal)
                ? portals.defaultPortal()
                        .orElseThrow(() -> new InvalidLineException(
                                "portal",
                                "is required: name one " + portalList(portals) + ", or set " + DEFAULT_PORTAL_SETTING
                                        + " to the portal that rows and commands without one go to"))
                : portals.resolve(portal)
                        .orElseThrow(() -> new InvalidLineException(
                                "portal",
                                "'" + portal.trim()
                                        + "' is an unknown portal (not the name, domain or member_id of one) "
                                        + portalList(portals)));
        if (!portals.known(target)) {
            throw new InvalidLineException("portal", "'" + target + "' " + portals.whyNotTaking(target));
        }
        LineAction parsed = LineAction.parse(action);
        if (parsed == null) {
            throw new InvalidLineException("action", "must be upsert or delete, not '" + action.trim() + "'");
        }
        if (blank(line.title())) {
            throw new InvalidLineException("title", "is required");
        }
        String type =
                blank(line.type()) ? SipLineSpec.CLOUD : line.type().trim().toLowerCase(Locale.ROOT);
        if (!type.equals(SipLineSpec.CLOUD) && !type.equals(SipLineSpec.OFFICE)) {
            throw new InvalidLineException(
                    "type", "must be cloud or office, not '" + line.type().trim() + "'");
        }
        SipLineSpec spec = new SipLineSpec(
                line.title().trim(), type, trim(line.server()), trim(line.login()), line.password(), null);
        if (parsed == LineAction.UPSERT) {
            try {
                SpecValidator.checkAdd(spec);
            } catch (Bitrix24SipValidationException e) {
                String field = e.getField() == null ? "line" : e.getField();
                throw new InvalidLineException(field, e.getProblem());
            }
        }
        return new LineRequest(target, parsed, spec);
    }

    /** The portals known, or their count when they are too many to list in an error. */
    private static String portalList(PortalNames portals) {
        var names = portals.names();
        return names.size() <= 20 ? names.toString() : "(" + names.size() + " portals)";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    public String title() {
        return line.title();
    }
}
