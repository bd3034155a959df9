package io.github.b24sip.camel;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the component, configured here once; thread-safe, and never reconfigured elsewhere. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
