package io.github.b24sip.app.csv;

import io.github.b24sip.app.OwnerOnlyFiles;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;

/**
 * What the inbox takes, decided from the directory entry before a byte is read: regular files only, with a name that
 * leaves room for Camel's lock file and the reason file. A symbolic link (to {@code /dev/zero}, or to a secret), a
 * device or a FIFO, which would block or never end a read, and a name too long for its lock file, which would stay in
 * the inbox for ever, go to {@code error/} at once with a reason, the link itself and not what it points to; the inbox
 * goes on with the next file.
 */
final class InboxEntries implements GenericFileFilter<File> {

    /** Bytes of a name: the file system's 255, less {@code .camelLock} and {@code .reason.txt}, with room to spare. */
    static final int MAX_NAME_BYTES = 200;

    private static final Logger LOG = Logger.getLogger(InboxEntries.class);

    private final Path errors;
    private final BiConsumer<String, String> refused;

    /** {@code refused} hears each refused entry: the name it has in {@code error/}, and why. */
    InboxEntries(Path errors, BiConsumer<String, String> refused) {
        this.errors = errors;
        this.refused = refused;
    }

    @Override
    public boolean accept(GenericFile<File> entry) {
        if (entry.isDirectory()) {
            return true;
        }
        String name = entry.getFileNameOnly();
        if (name.startsWith(".") || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            // not the inbox's (staging files, the processed-files record, anything not a CSV): left where it is
            return false;
        }
        Path path = entry.getFile().toPath();
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            refuse(
                    path,
                    name,
                    "not a regular file (" + kind(path) + "): the inbox takes regular files only; nothing was read");
            return false;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            refuse(
                    path,
                    name,
                    "its name is " + bytes + " bytes long, over the inbox's " + MAX_NAME_BYTES
                            + " (the lock and reason files need room beside it); rename it and drop it again");
            return false;
        }
        return true;
    }

    private void refuse(Path path, String name, String reason) {
        String kept = keptName(name);
        try {
            OwnerOnlyFiles.directory(errors);
            // the entry itself (a link stays a link), never what it points to
            Files.move(path, errors.resolve(kept), LinkOption.NOFOLLOW_LINKS);
            OwnerOnlyFiles.replace(
                    errors.resolve(kept + ".reason.txt"),
                    (reason + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            LOG.errorf("%s: refused: %s; moved to error/", kept, reason);
            refused.accept(kept, reason);
        } catch (NoSuchFileException e) {
            // another instance took it first
        } catch (IOException e) {
            LOG.errorf(
                    "%s: refused (%s), but could not be moved to error/: %s",
                    kept, reason, e.getClass().getSimpleName());
        }
    }

    /** The name in error/: the same, or for an over-long one its start, a checksum of the whole and .csv. */
    static String keptName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String start = name.substring(0, Math.min(name.length(), 60)).replaceAll("[^A-Za-z0-9._-]", "_");
        return start + "-" + HexFormat.of().toHexDigits((int) crc.getValue()) + ".csv";
    }

    private static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link";
        }
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a device, FIFO or socket";
    }
}
