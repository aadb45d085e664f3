package dev.parley.api.codec;

/** A frame could not be encoded or decoded. The stream goes on with the next frame. */
public class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) { super(message); }
    public CodecException(String message, Throwable cause) { super(message, cause); }
}
