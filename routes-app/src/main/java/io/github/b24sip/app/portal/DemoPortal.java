package io.github.b24sip.app.portal;

/**
 * The portal of the demo (b24sip.demo=true with no portal configured), handed to the registry by whatever runs it: the
 * registry knows only that it gets a definition, not that a simulator stands behind it.
 */
public interface DemoPortal {

    /** The demo portal's name. */
    String NAME = "demo";

    /** Starts what serves the demo portal, once, and returns its definition. */
    PortalDefinition start();
}
