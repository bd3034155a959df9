package io.github.b24sip.app.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.OwnerOnlyFiles;
import io.github.b24sip.app.secret.SecretSealer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One instance without a database: the portals added at run time in a folder only the app's user can open, one JSON
 * file per portal ({@code <name>.json}, owner-only, secrets sealed), so an install writes one small file, not every
 * portal again (2,000 installs rewriting one shared file made each install slower than the last). Each file is
 * written to a temporary one, then moved in place. Portals an earlier version left in clear are sealed on the first
 * read.
 */
public final class FilePortalStore implements PortalStore {

    private static final String SUFFIX = ".json";

    /** One portal's file. */
    @RegisterForReflection
    public record Stored(String source, Map<String, String> settings) {}

    private final Path dir;
    private final Supplier<SecretSealer> sealer;
    private final ObjectMapper json;

    public FilePortalStore(Path dir, Supplier<SecretSealer> sealer, ObjectMapper json) {
        this.dir = dir;
        this.sealer = sealer;
        this.json = json;
    }

    @Override
    public synchronized List<PortalDefinition> loadAll() {
        List<PortalDefinition> out = new ArrayList<>();
        for (Path file : files()) {
            String name = file.getFileName().toString().replace(SUFFIX, "");
            Stored stored;
            try {
                stored = read(file);
            } catch (UncheckedIOException e) {
                out.add(StoredPortal.invalid(name, null, PortalSource.API, e));
                continue;
            }
            SecretSealer s = sealer.get();
            PortalDefinition portal = StoredPortal.read(name, stored.source(), stored.settings(), s);
            if (portal.state() != PortalState.INVALID && SealedSettings.needsResealing(s, stored.settings())) {
                save(portal);
            }
            out.add(portal);
        }
        return out;
    }

    /** The portals' file names with their sizes and times: any save or delete changes it. */
    @Override
    public synchronized String signature() {
        StringBuilder signature = new StringBuilder();
        for (Path file : files()) {
            try {
                signature
                        .append(file.getFileName())
                        .append(':')
                        .append(Files.getLastModifiedTime(file).toMillis())
                        .append(':')
                        .append(Files.size(file))
                        .append(';');
            } catch (IOException e) {
                signature.append(file.getFileName()).append(":gone;");
            }
        }
        return Integer.toHexString(signature.toString().hashCode()) + ":" + signature.length();
    }

    @Override
    public synchronized void save(PortalDefinition portal) {
        Stored stored = new Stored(
                portal.source().wireName(), SealedSettings.seal(sealer.get(), portal.name(), portal.settings()));
        try {
            OwnerOnlyFiles.directory(dir);
            OwnerOnlyFiles.replace(
                    file(portal.name()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write portal " + portal.name() + " under " + dir + " ("
                            + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    @Override
    public synchronized boolean delete(String name) {
        try {
            return Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot delete portal " + name + " under " + dir + " ("
                            + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot list the portals under " + dir + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private Stored read(Path file) {
        try {
            return json.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the portal file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public String toString() {
        return "FilePortalStore[" + dir + "]";
    }
}
