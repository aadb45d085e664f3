package dev.parley.stages.internal;

/** A stage cannot start as asked; the message says why and what to do, and the running stage goes on. */
final class StageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StageException(String message) {
        super(message);
    }
}
