package dev.parley.relay.internal;

/** A limit of the relay's configuration stands in the way of a join: the client gets ERROR LIMIT_REACHED. */
final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LimitReached(String message) {
        super(message);
    }
}
