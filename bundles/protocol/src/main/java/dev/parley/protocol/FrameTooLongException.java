package dev.parley.protocol;

import io.netty.handler.codec.TooLongFrameException;

/** A frame announced a payload larger than the configured limit; nothing was allocated for it. */
public final class FrameTooLongException extends TooLongFrameException implements ProtocolViolation {
    private static final long serialVersionUID = 1L;

    public FrameTooLongException(String message) { super(message); }

    @Override
    public ErrorCode errorCode() { return ErrorCode.FRAME_TOO_LARGE; }
}
