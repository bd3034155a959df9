package io.github.b24sip.quarkus.deployment;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which classes of the component a native image must keep for reflection, read from the Jandex index rather than from
 * a list someone keeps: its records and enums (Jackson reads and writes them), its exceptions (routes name them in
 * {@code onException}), its SPIs (the interface types of its options, such as {@code TokenStore}) with their
 * implementations, and its dev consoles (Camel creates them by name).
 */
final class ComponentClasses {

    static final String PACKAGE = "io.github.b24sip.camel.";

    private static final DotName URI_PARAM = DotName.createSimple("org.apache.camel.spi.UriParam");
    private static final DotName METADATA = DotName.createSimple("org.apache.camel.spi.Metadata");
    private static final DotName DEV_CONSOLE = DotName.createSimple("org.apache.camel.spi.annotations.DevConsole");

    private ComponentClasses() {}

    static Set<String> reflective(IndexView index) {
        Set<String> out = new TreeSet<>();
        for (ClassInfo c : index.getKnownClasses()) {
            if (!ours(c.name()) || c.isSynthetic() || isAnonymous(c)) {
                continue;
            }
            if (c.isRecord() || c.isEnum() || isThrowable(c, index) || c.declaredAnnotation(DEV_CONSOLE) != null) {
                out.add(c.name().toString());
            }
            for (FieldInfo field : c.fields()) {
                if (field.hasAnnotation(URI_PARAM) || field.hasAnnotation(METADATA)) {
                    ClassInfo type = index.getClassByName(field.type().name());
                    if (type != null && type.isInterface() && ours(type.name())) {
                        out.add(type.name().toString());
                        index.getAllKnownImplementors(type.name()).stream()
                                .filter(i -> ours(i.name()))
                                .forEach(i -> out.add(i.name().toString()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * True when the class's superclasses, followed through the index, end in a Throwable: our own exceptions extend
     * Camel's or the JDK's, which are not in this index, so the first superclass outside it decides by its name.
     */
    static boolean isThrowable(ClassInfo c, IndexView index) {
        DotName superName = c.superName();
        while (superName != null) {
            ClassInfo parent = index.getClassByName(superName);
            if (parent == null) {
                String name = superName.toString();
                return name.endsWith("Exception") || name.endsWith("Error") || name.equals("java.lang.Throwable");
            }
            superName = parent.superName();
        }
        return false;
    }

    private static boolean ours(DotName name) {
        return name.toString().startsWith(PACKAGE);
    }

    private static boolean isAnonymous(ClassInfo c) {
        return c.nestingType() == ClassInfo.NestingType.ANONYMOUS;
    }
}
