package io.github.b24sip.quarkus.deployment;

import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension registers for reflection every record, enum and exception of the component, found here another way:
 * by loading each compiled class of the component jar; and the SPIs users implement. A class the index-based selection
 * misses fails this test (and, after the native-sources build, {@code .ci/native-check} checks the same classes in
 * the reflection configuration the build wrote).
 */
class ComponentClassesTest {

    @Test
    void everyRecordEnumExceptionAndSpiOfTheComponentIsRegistered() throws Exception {
        List<String> names = new ArrayList<>();
        Indexer indexer = new Indexer();
        Path location = Path.of(Bitrix24SipComponent.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                Stream<Path> files = Files.walk(jar == null ? location : jar.getPath("/"))) {
            Path root = jar == null ? location : jar.getPath("/");
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
                names.add(root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""));
            }
        }
        Index index = indexer.complete();

        Set<String> expected = new TreeSet<>();
        for (String name : names) {
            if (!name.startsWith(ComponentClasses.PACKAGE) || name.endsWith("package-info")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!type.isAnonymousClass()
                    && !type.isSynthetic()
                    && (type.isRecord() || type.isEnum() || Throwable.class.isAssignableFrom(type))) {
                expected.add(name);
            }
        }
        assertThat(expected)
                .as("records, enums and exceptions loaded from the jar")
                .hasSizeGreaterThan(50);

        Set<String> registered = ComponentClasses.reflective(index);
        assertThat(registered).containsAll(expected);
        assertThat(registered)
                .as("the SPIs of the options, an implementation, the dev console")
                .contains(
                        "io.github.b24sip.camel.bitrix24.spi.TokenStore",
                        "io.github.b24sip.camel.bitrix24.spi.StatusStore",
                        "io.github.b24sip.camel.bitrix24.spi.SharedRateBucket",
                        "io.github.b24sip.camel.voximplant.spi.RegistrationStatusStore",
                        "io.github.b24sip.camel.bitrix24.spi.InMemoryTokenStore",
                        "io.github.b24sip.camel.bitrix24.Bitrix24SipDevConsole");
    }
}
