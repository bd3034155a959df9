package io.github.b24sip.springboot;

import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
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
 * Configures every bitrix24-sip component Camel creates from {@code camel.component.bitrix24-sip.*}, as Camel's own starters
 * do ({@link PropertiesCustomizer}).
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, Bitrix24SipComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.bitrix24-sip"})
public class Bitrix24SipComponentAutoConfiguration {

    @Lazy
    @Bean
    public ComponentCustomizer configureBitrix24SipComponent(
            ApplicationContext applicationContext,
            CamelContext camelContext,
            Bitrix24SipComponentConfiguration configuration) {
        return new PropertiesCustomizer(
                applicationContext, camelContext, configuration, "bitrix24-sip", Bitrix24SipComponent.class);
    }
}
