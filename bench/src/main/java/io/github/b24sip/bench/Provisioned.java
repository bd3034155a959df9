package io.github.b24sip.bench;

/**
 * One provisioning run: wall time, HTTP requests, 503s drawn, its theoretical bound, and a re-sync's requests (-1:
 * none).
 */
record Provisioned(double wallSeconds, long requests, long refused, double boundSeconds, long resyncRequests) {}
