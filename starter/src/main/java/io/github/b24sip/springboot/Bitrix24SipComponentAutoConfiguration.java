package io.github.b24sip.springboot;

import io.github.b24sip.camel.bitrix24.Bitrix24SipComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures every bitrix24-sip component Camel creates from {@code camel.component.bitrix24-sip.*}, as Camel's own
 * starters do: a {@link ComponentCustomizer} copies the properties set onto the component when Camel makes it, unless
 * {@code camel.component.bitrix24-sip.customizer.enabled=false}.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, Bitrix24SipComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.bitrix24-sip"})
public class Bitrix24SipComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final Bitrix24SipComponentConfiguration configuration;

    public Bitrix24SipComponentAutoConfiguration(
            ApplicationContext applicationContext,
            CamelContext camelContext,
            Bitrix24SipComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureBitrix24SipComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(
                                applicationContext,
                                "camel.component.customizer",
                                "camel.component.bitrix24-sip.customizer")
                        && target instanceof Bitrix24SipComponent;
            }
        };
    }
}
