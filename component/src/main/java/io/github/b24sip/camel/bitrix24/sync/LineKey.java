package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.model.PortalValues;

/**
 * Which line a step of a sync is about, and under which key its results come back: its title as the portal compares
 * titles, a line without a title by its CONFIG_ID, an invalid desired line by its position in the request.
 */
public record LineKey(String value) {

    /** The key of a titled line, or null for a blank title. */
    public static LineKey title(String title) {
        String key = PortalValues.titleKey(title);
        return key == null ? null : new LineKey("title:" + key);
    }

    public static LineKey untitled(int configId) {
        return new LineKey("line:" + configId);
    }

    public static LineKey position(int position) {
        return new LineKey("position:" + position);
    }
}
