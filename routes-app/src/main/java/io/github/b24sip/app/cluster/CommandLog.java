package io.github.b24sip.app.cluster;

import io.github.b24sip.app.line.ChangeSource;
import io.github.b24sip.camel.jdbc.JdbcIdempotentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The Kafka command ids applied, across instances: a command redelivered to another instance after a rebalance (its
 * offset was not committed yet) whose id is recorded is not applied, nor answered, a second time. Recorded once the
 * result is out, so a crash between the two repeats that one result rather than losing it. Without the shared store it
 * records nothing: one instance applies a redelivered command as an unchanged one-line sync. (JMS needs none: its
 * result is sent in the transaction that takes the command.)
 */
@ApplicationScoped
public class CommandLog {

    @Inject
    SharedStore shared;

    private volatile JdbcIdempotentRepository applied;

    /** True when the shared store says this command id was applied already. */
    public boolean applied(ChangeSource source, String id) {
        return id != null && repository() != null && repository().contains(source.wireName() + ":" + id);
    }

    /** Records the id once the command's result is out. */
    public void record(ChangeSource source, String id) {
        if (id != null && repository() != null) {
            repository().add(source.wireName() + ":" + id);
        }
    }

    private JdbcIdempotentRepository repository() {
        if (applied == null && shared.enabled()) {
            applied = new JdbcIdempotentRepository(shared.dataSource(), "commands");
        }
        return applied;
    }
}
