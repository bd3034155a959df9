package io.github.b24sip.app.portal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The app was started with no portal and without asking for the demo: it names the settings to add. */
@RegisterForReflection
public class NoPortalConfiguredException extends IllegalStateException {

    public NoPortalConfiguredException() {
        super("No portal is configured. Add one: b24sip.portals.<name>.url, with webhook auth "
                + "(b24sip.portals.<name>.user-id "
                + "and .token) or OAuth auth (.client-id, .client-secret, .access-token, .refresh-token); or "
                + "start with "
                + "-Db24sip.demo=true to try the app on the embedded simulator's demo portal; or set "
                + "b24sip.secrets.key (or a shared store) to start with none and add portals at run time through "
                + "the portal API or application installs.");
    }
}
