package io.github.b24sip.app.command;

import io.github.b24sip.app.line.ChangeSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A planned command travels in an exchange property; its toString never shows the password it carries. */
class CommandPlanTest {

    @Test
    void toStringShowsWhatTheCommandIsButNotItsPassword() {
        CommandPlan line = new CommandPlan.Line(
                "c-1",
                ChangeSource.KAFKA,
                "bitrix24-sip-acme:sync",
                List.of(Map.of("title", "office", "password", "LINE-SECRET")),
                Map.of(),
                "acme",
                "upsert",
                "office",
                null);
        CommandPlan registration = new CommandPlan.Registration(
                "c-2",
                ChangeSource.JMS,
                "voximplant-sip-trunks:sync",
                List.of(Map.of("sip_username", "alice", "password", "REG-SECRET")),
                Map.of(),
                "trunks",
                "upsert",
                "alice",
                "sip.example.com");
        assertThat(line.toString()).contains("c-1", "acme", "office").doesNotContain("LINE-SECRET");
        assertThat(registration.toString()).contains("c-2", "trunks", "alice").doesNotContain("REG-SECRET");
    }
}
