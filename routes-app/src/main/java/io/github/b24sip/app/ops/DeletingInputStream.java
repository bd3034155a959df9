package io.github.b24sip.app.ops;

import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary file read once: closing the stream deletes the file and the folder it was made in. */
final class DeletingInputStream extends FilterInputStream {

    private final Path file;
    private final Path folder;

    DeletingInputStream(Path file, Path folder) throws IOException {
        super(Files.newInputStream(file));
        this.file = file;
        this.folder = folder;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }
}
