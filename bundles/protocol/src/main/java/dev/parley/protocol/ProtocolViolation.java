package dev.parley.protocol;

/** Implemented by decoder exceptions that the peer is told about with an ERROR before the connection closes. */
public interface ProtocolViolation {
    ErrorCode errorCode();
}
