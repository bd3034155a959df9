package io.github.b24sip.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.context.ApplicationContext;

/**
 * Copies a component's {@code camel.component.<scheme>.*} properties onto each component of its type Camel creates,
 * unless {@code camel.component.customizer.enabled} or {@code camel.component.<scheme>.customizer.enabled} is false:
 * what Camel's own starters do for each of their components.
 */
final class PropertiesCustomizer implements ComponentCustomizer {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final Object properties;
    private final String scheme;
    private final Class<? extends Component> type;

    PropertiesCustomizer(
            ApplicationContext applicationContext,
            CamelContext camelContext,
            Object properties,
            String scheme,
            Class<? extends Component> type) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.properties = properties;
        this.scheme = scheme;
        this.type = type;
    }

    @Override
    public void configure(String name, Component target) {
        CamelPropertiesHelper.copyProperties(camelContext, properties, target);
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        return HierarchicalPropertiesEvaluator.evaluate(
                        applicationContext, "camel.component.customizer", "camel.component." + scheme + ".customizer")
                && type.isInstance(target);
    }
}
