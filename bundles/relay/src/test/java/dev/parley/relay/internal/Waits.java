package dev.parley.relay.internal;

import java.util.function.BooleanSupplier;

/** Waiting in tests for what the relay's event loops do in their own time. */
final class Waits {
    private Waits() {
    }

    /** Until {@code condition} holds; the test class's timeout bounds the wait. */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) Thread.sleep(10);
    }
}
