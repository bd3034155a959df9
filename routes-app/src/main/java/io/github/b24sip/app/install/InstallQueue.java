package io.github.b24sip.app.install;

import io.github.b24sip.app.AppConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where installs are confirmed: a few threads of their own with a short queue, never a global lock, so a flood of
 * posts (forged ones cost a call to the OAuth server each) holds at most {@value #THREADS} + {@value #QUEUED} of the
 * HTTP server's workers, and the rest are told at once to come back later (503 with {@code Retry-After}); health, the
 * API and the page keep answering. Events of one portal (one member_id) run one at a time, in the order they came;
 * different portals' side by side.
 */
@ApplicationScoped
public class InstallQueue {

    static final int THREADS = 4;
    static final int QUEUED = 16;
    /** Seconds a refused sender is asked to wait. */
    static final int RETRY_AFTER = 5;

    private static final int STRIPES = 64;

    @Inject
    CamelContext camel;

    /**
     * How long a sender waits for its install's answer ({@code b24sip.application.install-wait}); past it, 503 (send
     * again) while the confirmation goes on to its end on the install thread, and the answer is kept ({@link
     * PendingInstalls}), so the event sent again is answered from it.
     */
    @Inject
    AppConfig config;

    private final ReentrantLock[] members = new ReentrantLock[STRIPES];
    private ExecutorService pool;

    public InstallQueue() {
        for (int i = 0; i < STRIPES; i++) {
            members[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} on the install threads, one member_id at a time, and waits for its answer. */
    <T> T confirm(String memberId, Supplier<T> work) {
        Future<T> answer;
        try {
            answer = pool().submit(() -> inOrder(memberId, work));
        } catch (RejectedExecutionException full) {
            throw new InstallRefusedException(
                    503, "installs are busy: send the event again in " + RETRY_AFTER + " s", RETRY_AFTER);
        }
        try {
            return answer.get(config.application().installWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new InstallRefusedException(
                    503, "the install is still being confirmed: send the event again later", RETRY_AFTER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallRefusedException(503, "interrupted: send the event again later", RETRY_AFTER);
        }
    }

    /** Runs {@code work} while no other event of the same member_id runs (here, on this instance). */
    <T> T inOrder(String memberId, Supplier<T> work) {
        ReentrantLock lock = members[Math.floorMod(memberId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = camel.getExecutorServiceManager()
                    .newThreadPool(
                            this,
                            "b24sip-installs",
                            new ThreadPoolProfileBuilder("b24sip-installs")
                                    .poolSize(THREADS)
                                    .maxPoolSize(THREADS)
                                    .maxQueueSize(QUEUED)
                                    .keepAliveTime(30L, TimeUnit.SECONDS)
                                    .allowCoreThreadTimeOut(true)
                                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                                    .build());
        }
        return pool;
    }

    @PreDestroy
    synchronized void stop() {
        if (pool != null) {
            camel.getExecutorServiceManager().shutdownNow(pool);
        }
    }
}
