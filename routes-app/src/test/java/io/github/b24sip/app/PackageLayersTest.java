package io.github.b24sip.app;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes app's packages stand on floors, each using only those below it: no circle, and no arrow running back up.
 * Read from the compiled classes (every use, not only import lines): a class in a package may depend on classes of its
 * own package and of the packages listed before it. Events go up as CDI events (the counters and the page observe
 * them), calls go down. A new package is placed in {@link #FLOORS}, or this test names it.
 */
class PackageLayersTest {

    private static final String APP = "io.github.b24sip.app";

    /** Bottom first; "" is the app's root package (configuration and small shared helpers). */
    static final List<String> FLOORS = List.of(
            "", "line", "secret", "cluster", "portal", "desired", "account", "status", "install", "demo", "csv",
            "command", "observe", "web");

    @Test
    void noPackageUsesAPackageAboveItOrOutsideTheFloors() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(APP);
        assertThat(classes).as("the app's classes are read").hasSizeGreaterThan(100);
        Set<String> upward = new TreeSet<>();
        for (JavaClass c : classes) {
            int from = floor(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (!target.equals(APP) && !target.startsWith(APP + ".")) {
                    continue;
                }
                if (floor(target) > from) {
                    upward.add(name(c) + " -> " + name(d.getTargetClass()));
                }
            }
        }
        assertThat(upward).as("uses of a package above").isEmpty();
    }

    private static int floor(String pkg) {
        String name = pkg.equals(APP) ? "" : pkg.substring(APP.length() + 1);
        int floor = FLOORS.indexOf(name);
        assertThat(floor).as("the floor of package %s (add it to FLOORS)", pkg).isNotNegative();
        return floor;
    }

    private static String name(JavaClass c) {
        return c.getName().substring(APP.length() + 1);
    }
}
