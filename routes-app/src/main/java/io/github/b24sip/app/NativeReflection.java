package io.github.b24sip.app;

import io.github.b24sip.app.command.CommandResult;
import io.github.b24sip.app.command.LineCommand;
import io.github.b24sip.app.csv.FileReport;
import io.github.b24sip.app.csv.RowOutcome;
import io.github.b24sip.app.status.LineStatus;
import io.github.b24sip.camel.bitrix24.model.ConnectorStatus;
import io.github.b24sip.camel.bitrix24.model.SipLine;
import io.github.b24sip.camel.bitrix24.model.SipLineSpec;
import io.github.b24sip.camel.bitrix24.model.SipLineStatusEvent;
import io.github.b24sip.camel.bitrix24.model.SipRegistrationStatus;
import io.github.b24sip.camel.bitrix24.model.SyncItem;
import io.github.b24sip.camel.bitrix24.model.SyncReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The records Jackson reads and writes, registered so a native image keeps their constructors and accessors. */
@RegisterForReflection(targets = {LineCommand.class, LineCommand.Line.class, CommandResult.class, LineStatus.class,
        FileReport.class, RowOutcome.class, SipLineSpec.class, SipLine.class, SipLineStatusEvent.class,
        SipRegistrationStatus.class, ConnectorStatus.class, SyncReport.class, SyncItem.class})
public final class NativeReflection {

    private NativeReflection() {
    }
}
