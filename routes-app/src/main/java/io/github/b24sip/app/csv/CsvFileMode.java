package io.github.b24sip.app.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Locale;

/**
 * How a dropped file is applied: configuration gives the default, and the name can ask for more:
 * {@code lines.mirror.csv} prunes lines absent from the file, {@code lines.dryrun.csv} only plans,
 * {@code lines.mirror.dryrun.csv} plans a mirror.
 */
@RegisterForReflection
public record CsvFileMode(boolean mirror, boolean dryRun) {

    public static CsvFileMode of(String fileName, boolean mirrorByDefault, boolean dryRunByDefault) {
        List<String> parts = List.of(fileName.toLowerCase(Locale.ROOT).split("\\."));
        List<String> suffixes = parts.size() > 2 ? parts.subList(1, parts.size() - 1) : List.of();
        return new CsvFileMode(
                mirrorByDefault || suffixes.contains("mirror"), dryRunByDefault || suffixes.contains("dryrun"));
    }
}
