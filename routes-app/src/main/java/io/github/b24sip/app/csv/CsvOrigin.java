package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a CSV came from and what it is called: a file dropped into the inbox, or an {@code /api/sync} upload under the
 * name its client gave (the multipart file name, or the {@code name} parameter). {@code reportBase} names its report
 * files: the file's own name in the inbox; an upload's name behind a stamp of its own, as two uploads of one name may
 * run at once.
 */
@RegisterForReflection
public record CsvOrigin(boolean upload, String name, String reportBase) {

    /** An upload's name is cut to this many characters. */
    static final int MAX_UPLOAD_NAME = 100;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final AtomicLong UPLOADS = new AtomicLong();

    public static CsvOrigin inbox(String fileName) {
        return new CsvOrigin(false, fileName, fileName);
    }

    /**
     * An upload named by its client: the last segment of what was given, letters, digits, dot, dash and underscore
     * only (anything else becomes {@code _}), at most {@value #MAX_UPLOAD_NAME} characters; {@code upload} when nothing
     * is left.
     */
    public static CsvOrigin upload(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        name = name.replaceAll("^[._]+", "");
        if (name.length() > MAX_UPLOAD_NAME) {
            name = name.substring(0, MAX_UPLOAD_NAME);
        }
        if (name.isEmpty()) {
            name = "upload";
        }
        String stamp = STAMP.format(Instant.now()) + "-" + UPLOADS.incrementAndGet();
        return new CsvOrigin(true, name, stamp + "-" + name);
    }

    /** How logs speak of it: the file's name, or {@code upload <name>}. */
    public String label() {
        return upload ? "upload " + name : name;
    }

    /** The folder its reports go to, below the inbox: {@code reports/}, or {@code reports/uploads/} for an upload. */
    public Path reportsFolder(Path inbox) {
        Path reports = inbox.resolve(ReportFile.FOLDER);
        return upload ? reports.resolve(ReportFile.UPLOADS) : reports;
    }

    /** Its JSON report's path below {@code reports/}, as the page links it. */
    public String reportPath(String suffix) {
        return (upload ? ReportFile.UPLOADS + "/" : "") + reportBase + suffix;
    }
}
