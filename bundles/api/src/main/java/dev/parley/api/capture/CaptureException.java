package dev.parley.api.capture;

/** A capture device could not be opened or failed. */
public class CaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) { super(message); }
    public CaptureException(String message, Throwable cause) { super(message, cause); }
}
