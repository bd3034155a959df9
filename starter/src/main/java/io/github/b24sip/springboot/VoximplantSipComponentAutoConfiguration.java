package io.github.b24sip.springboot;

import io.github.b24sip.camel.voximplant.VoximplantSipComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures every voximplant-sip component Camel creates from {@code camel.component.voximplant-sip.*}, as Camel's own starters
 * do ({@link PropertiesCustomizer}).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, VoximplantSipComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.voximplant-sip"})
public class VoximplantSipComponentAutoConfiguration {

    @Lazy
    @Bean
    public ComponentCustomizer configureVoximplantSipComponent(
            ApplicationContext applicationContext,
            CamelContext camelContext,
            VoximplantSipComponentConfiguration configuration) {
        return new PropertiesCustomizer(
                applicationContext, camelContext, configuration, "voximplant-sip", VoximplantSipComponent.class);
    }
}
