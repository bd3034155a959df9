package io.github.b24sip.quarkus.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourcePatternsBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * What an application with the bitrix24-sip and voximplant-sip components needs from Quarkus: the feature in the
 * start-up log, TLS in a native image (both APIs are HTTPS), the component's classes for reflection (computed from the
 * index by {@link ComponentClasses}), and the Kamelets shipped in the component jar as native resources. Camel Quarkus
 * core finds the components, their configurers and the dev console through their service files.
 */
class Bitrix24SipProcessor {

    static final String FEATURE = "camel-bitrix24-sip";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    ExtensionSslNativeSupportBuildItem ssl() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /** The component jar carries a Jandex index; naming it here keeps the index whatever the jar holds. */
    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem("io.github.b24sip", "camel-bitrix24-sip");
    }

    @BuildStep
    ReflectiveClassBuildItem reflectiveClasses(CombinedIndexBuildItem index) {
        return ReflectiveClassBuildItem.builder(
                        ComponentClasses.reflective(index.getIndex()).toArray(String[]::new))
                .constructors()
                .methods()
                .fields()
                .build();
    }

    @BuildStep
    NativeImageResourcePatternsBuildItem kamelets() {
        return NativeImageResourcePatternsBuildItem.builder()
                .includeGlob("kamelets/bitrix24-sip-*.kamelet.yaml")
                .build();
    }
}
