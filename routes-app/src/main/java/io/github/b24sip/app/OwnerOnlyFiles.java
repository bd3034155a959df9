package io.github.b24sip.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders only the app's user can open, for what the app keeps at rest (archived CSV files, token pairs, the
 * portal file): created with those permissions before a byte is written, never narrowed afterwards.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    /** Creates the folder, or narrows an existing one, so only the app's user can open it. */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder keeps what the system gives it
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + dir, e);
        }
        return dir;
    }

    /** Creates an empty file readable and writable by the app's user only, replacing any file at that path. */
    public static void create(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /**
     * Replaces {@code file} with {@code content} as one step: written to an owner-only file beside it, then moved in
     * place, so a reader (or a crash) sees the old content or the new, never a part.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            // a folder the app makes for what it keeps (tokens/, portals/) is its user's alone, as the files in it
            directory(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        create(tmp);
        Files.write(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
