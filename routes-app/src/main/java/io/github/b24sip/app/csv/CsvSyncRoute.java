package io.github.b24sip.app.csv;

import io.github.b24sip.app.AppConfig;
import io.github.b24sip.app.CsvArchive;
import io.github.b24sip.app.OwnerOnlyFiles;
import io.github.b24sip.app.cluster.SharedStore;
import io.github.b24sip.camel.jdbc.ClaimingRepository;
import io.github.b24sip.camel.jdbc.JdbcIdempotentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** CSV sync: each lines CSV dropped into the inbox is applied once, reported, and moved to done/ (or error/). */
@ApplicationScoped
public class CsvSyncRoute extends RouteBuilder {

    static final String FILE_KEY = "B24SipCsvFileKey";
    static final String CLAIMS = "b24sipCsvClaims";
    static final String ENTRIES = "b24sipInboxEntries";

    @Inject
    AppConfig config;

    @Inject
    CsvSyncService csvSync;

    @Inject
    SharedStore shared;

    @Override
    public void configure() {
        // spotless:off (the route DSL's indentation shows its structure: choice, when, otherwise, end)
        Path inbox = Path.of(config.csv().dir()).toAbsolutePath();
        // name + size + content hash, kept in a file in the inbox so a restart remembers what was applied; with
        // several instances, in the shared store, and each file is claimed there by the one instance that reads it
        IdempotentRepository processed = shared.enabled()
                ? new JdbcIdempotentRepository(shared.dataSource(), "csv-files")
                : FileIdempotentRepository.fileIdempotentRepository(inbox.resolve(".processed-files").toFile(), 10_000);
        String readLock = "readLock=changed";
        if (shared.enabled()) {
            getContext().getRegistry().bind(CLAIMS, new ClaimingRepository(shared.dataSource(), "csv-claims",
                    config.cluster().csvClaimTimeout(),
                    getContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "b24sip-csv-claims")));
            // the claim is released 2 s after the file is done: released at once, another instance that had listed the
            // file could claim it before the file was gone and its key recorded, and apply it a second time
            readLock = "readLock=idempotent-changed&idempotentRepository=#" + CLAIMS
                    + "&readLockRemoveOnCommit=true&readLockRemoveOnRollback=true"
                    + "&readLockIdempotentReleaseDelay=2000";
        }

        onException(IncompleteCsvException.class)
                .handled(false).logExhausted(false)
                .process(e -> writeReason(inbox, e))
                .log(LoggingLevel.ERROR,
                        "${header.CamelFileName}: not applied in full: ${exception.message}; moved to error/");

        onException(UnreadableCsvException.class)
                .handled(false).logExhausted(false)
                .process(e -> writeReason(inbox, e))
                .log(LoggingLevel.ERROR,
                        "${header.CamelFileName}: cannot be read: ${exception.message}; moved to error/");

        CsvArchive archive = config.csv().archive();
        Path done = CsvArchive.ownerOnlyDirectory(inbox.resolve("done"));
        CsvArchive.ownerOnlyDirectory(inbox.resolve("error"));
        // the original is moved to done/ only when it is kept as it came; otherwise the app writes what is kept
        String completion = archive == CsvArchive.ORIGINAL ? "move=done/${file:name}" : "delete=true";
        // readLockMinLength=0: Camel's changed lock never takes an empty file by default, which left one in the inbox
        // for ever; it is refused (moved to error/ with its reason) like any other unreadable file
        // regular files only, with names that leave room for the lock file: anything else to error/ unread
        getContext().getRegistry().bind(ENTRIES, new InboxEntries(inbox.resolve("error"), csvSync::refused));
        from("file:" + inbox + "?antInclude=*.csv&antFilterCaseSensitive=false&filter=#" + ENTRIES + "&" + readLock
                + "&readLockCheckInterval=250"
                + "&readLockMinLength=0"
                // the first poll right after start (Camel's default waits a second), so readiness does not wait
                + "&initialDelay=0"
                + "&delay=" + config.csv().delay().toMillis() + "&" + completion + "&moveFailed=error/${file:name}")
                .routeId("csv-sync")
                .process(this::refuseOversized)
                .process(CsvSyncRoute::fingerprint)
                // recorded when the file is done, not when it starts: a crash mid-file leaves it to be applied again
                // on restart (applying by title makes the rows already applied come out unchanged)
                .idempotentConsumer(header(FILE_KEY)).idempotentRepository(processed).eager(false).skipDuplicate(false)
                .choice()
                    .when(exchangeProperty(Exchange.DUPLICATE_MESSAGE).isEqualTo(true))
                        .log(LoggingLevel.INFO,
                                "${header.CamelFileName}: already applied (same name, size and content); skipped")
                    .otherwise()
                        .process(this::apply)
                .end()
                .process(e -> keep(archive, done, e));
        // spotless:on
    }

    /** Checked from the file's length before a byte is read, so an oversized file costs no memory. */
    private void refuseOversized(Exchange exchange) {
        csvSync.checkSize(
                CsvOrigin.inbox(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class)),
                exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class));
    }

    /** The file's key: name, size and SHA-256 of its content, read as a stream (the body stays the file). */
    private static void fingerprint(Exchange exchange) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long length;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file(exchange)), digest)) {
            length = in.transferTo(OutputStream.nullOutputStream());
        }
        exchange.getMessage()
                .setHeader(
                        FILE_KEY,
                        exchange.getMessage().getHeader(Exchange.FILE_NAME) + ":" + length + ":"
                                + HexFormat.of().formatHex(digest.digest()));
    }

    private static Path file(Exchange exchange) {
        return Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
    }

    /** The redacted copy in done/ (the file itself is deleted from the inbox when the exchange completes). */
    private void keep(CsvArchive archive, Path done, Exchange exchange) throws IOException {
        if (archive != CsvArchive.REDACTED) {
            return;
        }
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        try (InputStream in = Files.newInputStream(file(exchange));
                OutputStream out = CsvArchive.newOwnerOnlyFile(done.resolve(name))) {
            CsvLinesReader.redactPasswords(in, out);
        }
    }

    private void apply(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        CsvFileMode mode =
                CsvFileMode.of(name, config.csv().mirror(), config.csv().dryRun());
        Path file = file(exchange);
        FileReport report = csvSync.apply(
                exchange, CsvOrigin.inbox(name), () -> Files.newInputStream(file), mode.mirror(), mode.dryRun());
        log.info("{}: report written to {} (and .csv beside it)", name, report.reportJson());
    }

    /** {@code error/<file>.reason.txt}, readable by the app's user only, as the file beside it. */
    private static void writeReason(Path inbox, Exchange exchange) throws IOException {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Path errors = OwnerOnlyFiles.directory(inbox.resolve("error"));
        OwnerOnlyFiles.replace(
                errors.resolve(exchange.getMessage().getHeader(Exchange.FILE_NAME) + ".reason.txt"),
                (failure.getMessage() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }
}
