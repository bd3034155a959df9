package io.github.b24sip.example;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without its token the example does not start, and says which variable to set. */
class PortalTokenCheckTest {

    @Test
    void withoutTheTokenTheApplicationRefusesToStartNamingTheVariable() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ExampleApplication.class)
                        .properties(
                                "camel.component.bitrix24-sip.token=",
                                "camel.main.run-controller=false",
                                "spring.main.banner-mode=off")
                        .run()
                        .close())
                .hasStackTraceContaining("B24_TOKEN is not set");
    }
}
