package io.github.b24sip.app.desired;

import io.github.b24sip.app.OwnerOnlyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * One instance without a database: each portal's declaration in {@code <portal>.json} and its drift record in
 * {@code <portal>.drift.json}, in an owner-only folder, passwords sealed; each file written whole to a temporary one,
 * then moved in place.
 */
final class FileDeclarationStore implements DeclarationStore {

    private final Path dir;
    private final DeclarationCodec codec;

    FileDeclarationStore(Path dir, DeclarationCodec codec) {
        this.dir = dir;
        this.codec = codec;
    }

    @Override
    public synchronized PortalDeclaration load(String portal) {
        String text = read(dir.resolve(portal + ".json"));
        return text == null ? PortalDeclaration.none(portal) : codec.readDeclaration(portal, text);
    }

    @Override
    public synchronized PortalDeclaration update(String portal, UnaryOperator<PortalDeclaration> change) {
        PortalDeclaration next = change.apply(load(portal));
        write(dir.resolve(portal + ".json"), codec.write(next));
        return next;
    }

    @Override
    public synchronized AccountDeclaration loadAccount(String account) {
        String text = read(dir.resolve(DeclarationStore.accountKey(account) + ".json"));
        return text == null ? AccountDeclaration.none(account) : codec.readAccount(account, text);
    }

    @Override
    public synchronized AccountDeclaration updateAccount(String account, UnaryOperator<AccountDeclaration> change) {
        AccountDeclaration next = change.apply(loadAccount(account));
        write(dir.resolve(DeclarationStore.accountKey(account) + ".json"), codec.write(next));
        return next;
    }

    @Override
    public synchronized DriftRecord loadDrift(String portal) {
        String text = read(dir.resolve(portal + ".drift.json"));
        return text == null ? DriftRecord.empty() : codec.readDrift(text);
    }

    @Override
    public synchronized void saveDrift(String portal, DriftRecord record) {
        write(dir.resolve(portal + ".drift.json"), codec.write(record));
    }

    @Override
    public synchronized void delete(String portal) {
        try {
            Files.deleteIfExists(dir.resolve(portal + ".json"));
            Files.deleteIfExists(dir.resolve(portal + ".drift.json"));
        } catch (IOException e) {
            throw failure("delete the declaration of " + portal, e);
        }
    }

    private String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw failure("read " + file, e);
        }
    }

    private void write(Path file, String text) {
        try {
            OwnerOnlyFiles.directory(dir);
            OwnerOnlyFiles.replace(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure("write " + file, e);
        }
    }

    private static UncheckedIOException failure(String what, IOException e) {
        return new UncheckedIOException("Cannot " + what, e);
    }

    @Override
    public String toString() {
        return "FileDeclarationStore[" + dir + "]";
    }
}
