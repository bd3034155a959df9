package io.github.b24sip.app.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The command ids applied, across instances: a command redelivered to another instance (a Kafka rebalance, a JMS
 * redelivery after a crash) whose id is recorded is not applied, nor answered, a second time. Without the shared
 * store it records nothing: one instance applies a redelivered command as an unchanged one-line sync.
 */
@ApplicationScoped
public class CommandLog {

    @Inject
    SharedStore shared;
    private volatile JdbcIdempotentRepository applied;

    /** True when the shared store says this command id was applied already. */
    public boolean applied(String source, String id) {
        return id != null && repository() != null && repository().contains(source + ":" + id);
    }

    /** Records the id once the command's result is out. */
    public void record(String source, String id) {
        if (id != null && repository() != null) {
            repository().add(source + ":" + id);
        }
    }

    private JdbcIdempotentRepository repository() {
        if (applied == null && shared.enabled()) {
            applied = new JdbcIdempotentRepository(shared.dataSource(), "commands");
        }
        return applied;
    }
}
