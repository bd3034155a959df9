package io.github.b24sip.app;

import io.github.b24sip.app.account.AccountDefinition;
import io.github.b24sip.app.account.RegistrationStatus;
import io.github.b24sip.app.cluster.PollerShards;
import io.github.b24sip.app.command.CommandHandling;
import io.github.b24sip.app.command.CommandRejectedException;
import io.github.b24sip.app.command.CommandResult;
import io.github.b24sip.app.command.LineCommand;
import io.github.b24sip.app.csv.CsvArchive;
import io.github.b24sip.app.csv.CsvFileFinished;
import io.github.b24sip.app.csv.CsvFileMode;
import io.github.b24sip.app.csv.CsvFileOutcome;
import io.github.b24sip.app.csv.CsvLinesReader;
import io.github.b24sip.app.csv.CsvOrigin;
import io.github.b24sip.app.csv.CsvRow;
import io.github.b24sip.app.csv.CsvSyncService;
import io.github.b24sip.app.csv.FileReport;
import io.github.b24sip.app.csv.IncompleteCsvException;
import io.github.b24sip.app.csv.RegistrationsFile;
import io.github.b24sip.app.csv.RowError;
import io.github.b24sip.app.csv.RowOutcome;
import io.github.b24sip.app.csv.UnreadableCsvException;
import io.github.b24sip.app.install.InstallRefusedException;
import io.github.b24sip.app.install.OAuthConfirmation;
import io.github.b24sip.app.install.OAuthRefusedException;
import io.github.b24sip.app.install.PendingInstalls;
import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.app.line.InvalidLineException;
import io.github.b24sip.app.line.LineAction;
import io.github.b24sip.app.line.LineRequest;
import io.github.b24sip.app.line.LineResult;
import io.github.b24sip.app.ops.ApiRoutes;
import io.github.b24sip.app.ops.OperatorPage;
import io.github.b24sip.app.ops.PortalApi;
import io.github.b24sip.app.ops.RecentActivity;
import io.github.b24sip.app.portal.FilePortalStore;
import io.github.b24sip.app.portal.InvalidPortalException;
import io.github.b24sip.app.portal.NoPortalConfiguredException;
import io.github.b24sip.app.portal.PortalChange;
import io.github.b24sip.app.portal.PortalDefinition;
import io.github.b24sip.app.portal.PortalSource;
import io.github.b24sip.app.portal.PortalState;
import io.github.b24sip.app.portal.Portals;
import io.github.b24sip.app.secret.SecretSealer;
import io.github.b24sip.app.secret.Secrets;
import io.github.b24sip.app.status.LineBoard;
import io.github.b24sip.app.status.LineStatus;
import io.github.b24sip.app.status.PortalInventory;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The app's own records, enums and exceptions, registered so a native image keeps what Jackson reads and writes and
 * what onException names. The component's classes are registered by its Quarkus extension (camel-quarkus-bitrix24-sip,
 * from the index), not here. {@code .ci/run} derives the list
 * from the bytecode and fails the build when a class is missing here.
 */
@RegisterForReflection(
        targets = {
            CommandHandling.class,
            ChangeSource.class,
            LineResult.class,
            CommandRejectedException.class,
            CommandResult.class,
            InvalidLineException.class,
            LineAction.class,
            LineCommand.class,
            LineCommand.Line.class,
            LineRequest.class,
            CsvArchive.class,
            CsvFileMode.class,
            CsvFileOutcome.class,
            IncompleteCsvException.class,
            CsvRow.class,
            FileReport.class,
            RowError.class,
            RowOutcome.class,
            UnreadableCsvException.class,
            ApiRoutes.ApiUnauthorizedException.class,
            ApiRoutes.PageUnauthorizedException.class,
            NoPortalConfiguredException.class,
            PortalDefinition.class,
            PortalChange.class,
            OAuthConfirmation.class,
            InstallRefusedException.class,
            PortalSource.class,
            PortalState.class,
            InvalidPortalException.class,
            InvalidFieldException.class,
            Portals.UnknownPortalException.class,
            Portals.ConfiguredPortalException.class,
            FilePortalStore.Stored.class,
            PortalApi.Answer.class,
            PortalApi.PortalView.class,
            SecretSealer.SealedSecretException.class,
            Secrets.MissingSecretsKeyException.class,
            LineStatus.class,
            LineBoard.Change.class,
            PortalInventory.Snapshot.class,
            CsvFileFinished.class,
            CsvOrigin.class,
            RecentActivity.CommandDone.class,
            RecentActivity.DeadLetter.class,
            OperatorPage.StateCount.class,
            OperatorPage.Change.class,
            OperatorPage.Line.class,
            OperatorPage.Portal.class,
            OperatorPage.PortalRow.class,
            OperatorPage.FileRow.class,
            OperatorPage.CommandRow.class,
            OperatorPage.DeadLetterRow.class,
            OperatorPage.AccountRow.class,
            AccountDefinition.class,
            RegistrationStatus.class,
            LineCommand.Registration.class,
            CsvSyncService.Run.class,
            CsvLinesReader.Check.class,
            RegistrationsFile.Row.class,
            PollerShards.Kind.class,
            PollerShards.Poller.class,
            OAuthRefusedException.class,
            PendingInstalls.Pending.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
