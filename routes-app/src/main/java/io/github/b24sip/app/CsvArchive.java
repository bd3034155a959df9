package io.github.b24sip.app;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What stays of a CSV file once applied: its passwords must not lie in clear where anyone who can read the inbox can
 * read them. {@code done/} and {@code error/} are made owner-only, and the archived copy is redacted by default.
 */
@RegisterForReflection
public enum CsvArchive {
    /** done/ holds the file with every password replaced by ***. */
    REDACTED,
    /** nothing is kept once the report is written. */
    REMOVED,
    /** done/ holds the file as it came (an owner-only folder). */
    ORIGINAL;

    /** Creates the folder, or narrows an existing one, so only the app's user can open it. */
    public static Path ownerOnlyDirectory(Path dir) {
        return OwnerOnlyFiles.directory(dir);
    }

    /** Opens the archived copy for writing, created readable by the app's user only (before a byte is written). */
    public static OutputStream newOwnerOnlyFile(Path file) throws IOException {
        OwnerOnlyFiles.create(file);
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING));
    }
}
