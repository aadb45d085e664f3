package dev.parley.relay.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's own failures, as opposed to a client's protocol violations: an exception thrown while the relay
 * handled a frame or ran a task for a connection. Each one is a bug. It is logged with what the relay was doing and
 * the frame that caused it, and counted, so {@code stats} and {@code parley bench} show it; it never costs the
 * connection silently.
 */
final class RelayErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RelayErrors.class);

    private final AtomicLong count = new AtomicLong();

    /** Logs and counts one failure: {@code doing} says what failed ("handling VIDEO from 3 alice"). */
    void failed(String doing, Object frame, Throwable e) {
        count.incrementAndGet();
        LOG.error("Relay error while {} (frame {}); the frame is dropped, the connection stays", doing, frame, e);
    }

    long count() { return count.get(); }
}
