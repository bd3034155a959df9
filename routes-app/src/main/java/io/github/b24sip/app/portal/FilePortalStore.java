package io.github.b24sip.app.portal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.b24sip.app.OwnerOnlyFiles;
import io.github.b24sip.app.secret.SecretSealer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One instance without a database: the portals added at run time in one JSON file, readable by the app's user only,
 * secrets sealed. Rewritten whole on each change (temporary file, then moved in place); portals that an earlier
 * version left in clear are sealed on the first read.
 */
public final class FilePortalStore implements PortalStore {

    private static final TypeReference<Map<String, Stored>> SHAPE = new TypeReference<>() {};

    /** One portal in the file. */
    public record Stored(String source, Map<String, String> settings) {}

    private final Path file;
    private final Supplier<SecretSealer> sealer;
    private final ObjectMapper json;

    public FilePortalStore(Path file, Supplier<SecretSealer> sealer, ObjectMapper json) {
        this.file = file;
        this.sealer = sealer;
        this.json = json;
    }

    @Override
    public synchronized List<PortalDefinition> loadAll() {
        Map<String, Stored> stored = read();
        if (stored.isEmpty()) {
            return List.of();
        }
        SecretSealer s = sealer.get();
        List<PortalDefinition> out = new ArrayList<>();
        boolean reseal = false;
        for (var e : stored.entrySet()) {
            reseal |= SealedSettings.needsResealing(s, e.getValue().settings());
            out.add(PortalDefinition.of(
                    e.getKey(),
                    SealedSettings.open(s, e.getKey(), e.getValue().settings()),
                    PortalSource.parse(e.getValue().source())));
        }
        if (reseal) {
            Map<String, Stored> sealed = new TreeMap<>();
            out.forEach(p -> sealed.put(p.name(), stored(s, p)));
            write(sealed);
        }
        return out;
    }

    @Override
    public synchronized String signature() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file) : "none";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public synchronized void save(PortalDefinition portal) {
        Map<String, Stored> all = read();
        all.put(portal.name(), stored(sealer.get(), portal));
        write(all);
    }

    @Override
    public synchronized boolean delete(String name) {
        Map<String, Stored> all = read();
        if (all.remove(name) == null) {
            return false;
        }
        write(all);
        return true;
    }

    private static Stored stored(SecretSealer s, PortalDefinition p) {
        return new Stored(p.source().wireName(), SealedSettings.seal(s, p.name(), p.settings()));
    }

    private Map<String, Stored> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(json.readValue(file.toFile(), SHAPE));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the portal file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    private void write(Map<String, Stored> all) {
        try {
            OwnerOnlyFiles.replace(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the portal file " + file + " (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public String toString() {
        return "FilePortalStore[" + file + "]";
    }
}
