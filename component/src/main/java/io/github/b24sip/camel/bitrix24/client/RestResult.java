package io.github.b24sip.camel.bitrix24.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful response: {@code result}, and for list methods {@code total} and {@code next} (null when absent). */
public record RestResult(JsonNode result, Integer total, Integer next) {}
