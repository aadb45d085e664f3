package dev.parley.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/** The bytes are not a valid Parley frame: bad magic, unknown version or type, or an invalid field. */
public final class MalformedFrameException extends CorruptedFrameException implements ProtocolViolation {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public MalformedFrameException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() { return code; }
}
