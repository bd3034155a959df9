package io.github.b24sip.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What every bitrix24-sip and voximplant-sip endpoint of a CamelContext shares, whichever component instance it
 * belongs to: an application with a component per portal (thousands of them) pays for these once, not per portal.
 *
 * <ul>
 *   <li>one HTTP client per connect timeout and TLS setting (the same {@link SSLContextParameters} instance), each
 *       with one selector thread, running on one bounded pool;
 *   <li>one scheduler for every status consumer that was not given its own {@code scheduledExecutorService};
 *   <li>one bounded pool for the extra chunks of a large batch call (a call of up to 50 items runs on its caller).
 * </ul>
 *
 * The pools are Camel thread pools, so the CamelContext shuts them down; their sizes come from the thread pool
 * profiles {@value #HTTP_PROFILE}, {@value #STATUS_PROFILE} and {@value #BATCH_PROFILE} when the application
 * registers them (e.g. {@code camel.threadpool.profiles[bitrix24-sip-status].pool-size=16}), from the defaults here
 * otherwise.
 */
public final class SharedResources {

    public static final String HTTP_PROFILE = "bitrix24-sip-http";
    public static final String STATUS_PROFILE = "bitrix24-sip-status";
    public static final String BATCH_PROFILE = "bitrix24-sip-batch";

    private static final int HTTP_THREADS = 8;
    private static final int STATUS_THREADS = 8;
    private static final int BATCH_THREADS = 16;

    private final CamelContext context;
    private final Map<ClientKey, HttpClient> clients = new HashMap<>();
    private ExecutorService httpExecutor;
    private ScheduledExecutorService statusScheduler;
    private ExecutorService batchExecutor;

    /** SSLContextParameters has no equals of its own: clients are shared by the same instance. */
    private record ClientKey(int connectTimeoutMillis, SSLContextParameters ssl) {}

    private SharedResources(CamelContext context) {
        this.context = context;
    }

    /** The context's shared resources, made on first use. */
    public static SharedResources of(CamelContext context) {
        ExtendedCamelContext extension = context.getCamelContextExtension();
        synchronized (extension) {
            SharedResources resources = extension.getContextPlugin(SharedResources.class);
            if (resources == null) {
                resources = new SharedResources(context);
                extension.addContextPlugin(SharedResources.class, resources);
            }
            return resources;
        }
    }

    /**
     * The HTTP client for this connect timeout and TLS setting, built on first use (see {@link HttpClients}). Asked
     * once per endpoint start, so one lock is enough.
     */
    public synchronized HttpClient httpClient(int connectTimeoutMillis, SSLContextParameters ssl)
            throws GeneralSecurityException, IOException {
        ExecutorService executor = httpExecutor();
        ClientKey key = new ClientKey(connectTimeoutMillis, ssl);
        HttpClient client = clients.get(key);
        if (client == null) {
            client = HttpClients.build(context, connectTimeoutMillis, ssl, executor);
            clients.put(key, client);
        }
        return client;
    }

    public synchronized ScheduledExecutorService statusScheduler() {
        if (statusScheduler == null || statusScheduler.isShutdown()) {
            statusScheduler = manager()
                    .newScheduledThreadPool(this, "Bitrix24SipStatus", profile(STATUS_PROFILE, STATUS_THREADS));
        }
        return statusScheduler;
    }

    public synchronized ExecutorService batchExecutor() {
        if (batchExecutor == null || batchExecutor.isShutdown()) {
            batchExecutor = manager().newThreadPool(this, "Bitrix24SipBatch", profile(BATCH_PROFILE, BATCH_THREADS));
        }
        return batchExecutor;
    }

    private ExecutorService httpExecutor() {
        if (httpExecutor == null || httpExecutor.isShutdown()) {
            // a context stopped and started again shut the old pool down: its clients, which would hang on it, go too
            clients.clear();
            httpExecutor = manager().newThreadPool(this, "Bitrix24SipHttp", profile(HTTP_PROFILE, HTTP_THREADS));
        }
        return httpExecutor;
    }

    private ExecutorServiceManager manager() {
        return context.getExecutorServiceManager();
    }

    /**
     * The application's profile of that id, or a fixed number of threads that end after a minute idle, over an
     * unbounded queue: nothing is refused, and an idle application holds no pool thread. Camel gives a queue size of
     * 0 or less a SynchronousQueue, which refuses a task when every thread is busy; the JDK HTTP client's selector
     * thread dies on such a refusal and every request in flight then waits for ever, so the queue is sized instead.
     */
    private ThreadPoolProfile profile(String id, int threads) {
        ThreadPoolProfile registered = manager().getThreadPoolProfile(id);
        if (registered != null) {
            return registered;
        }
        ThreadPoolProfile profile = new ThreadPoolProfile(id);
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setKeepAliveTime(60L);
        profile.setTimeUnit(TimeUnit.SECONDS);
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return profile;
    }
}
