package io.github.b24sip.camel.bitrix24.sync;

import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SyncItem;

/** One line's part of a sync plan, carrying the line's key. */
public sealed interface SyncStep {

    LineKey key();

    /** Nothing to do on the portal: the item is already known (an invalid line, a title already absent). */
    record Settled(LineKey key, SyncItem item) implements SyncStep {}

    /** The line exists as desired. */
    record Keep(LineKey key, String title, SipLine line) implements SyncStep {}

    /** The line does not exist: add it. */
    record Create(LineKey key, String title, SipLineSpec spec) implements SyncStep {}

    /** The line exists with other values: send only {@code changes}. */
    record Update(LineKey key, String title, SipLine line, SipLineSpec changes) implements SyncStep {}

    /** The line exists with another type, which cannot be updated: delete it, then add {@code spec}. */
    record Replace(LineKey key, String title, SipLine line, SipLineSpec spec) implements SyncStep {}

    /** The line must not exist (an absent title, or pruned): delete it. */
    record Delete(LineKey key, SipLine line) implements SyncStep {}
}
