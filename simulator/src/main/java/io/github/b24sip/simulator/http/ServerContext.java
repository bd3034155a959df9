package io.github.b24sip.simulator.http;

import io.github.b24sip.simulator.journal.Journal;
import io.github.b24sip.simulator.tls.SelfSignedTls;

import java.time.Clock;
import java.util.concurrent.Executor;

/** What every simulated origin shares: the bind address, the clock, the journal, the worker threads and TLS. */
public record ServerContext(String host, Clock clock, Journal journal, Executor executor, SelfSignedTls tls) {}
