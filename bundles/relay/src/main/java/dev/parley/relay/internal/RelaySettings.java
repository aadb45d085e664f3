package dev.parley.relay.internal;

/** The relay's settings as plain values, read once from {@link RelayConfig}. */
record RelaySettings(String host, int port, int maxPayload, int videoWindow, int audioQueueFrames, int textQueueLimit,
                     int handshakeTimeoutMillis, int idleTimeoutMillis, int sendBufferBytes, int writeLowWaterMark,
                     int writeHighWaterMark, int workerThreads, int latencyTargetMillis) {

    static RelaySettings of(RelayConfig c) {
        return new RelaySettings(c.host(), c.port(), c.maxPayload(), c.videoWindow(), c.audioQueueFrames(),
                c.textQueueLimit(), c.handshakeTimeoutMillis(), c.idleTimeoutMillis(), c.sendBufferBytes(),
                c.writeLowWaterMark(), c.writeHighWaterMark(), c.workerThreads(), c.latencyTargetMillis());
    }

    /** The documented defaults, listening on {@code host:port}. */
    static RelaySettings defaults(String host, int port) {
        return new RelaySettings(host, port, 8 * 1024 * 1024, 4, 8, 10_000, 10_000, 30_000, 256 * 1024, 256 * 1024,
                512 * 1024, 0, 100);
    }

    RelaySettings withHandshakeTimeoutMillis(int millis) {
        return new RelaySettings(host, port, maxPayload, videoWindow, audioQueueFrames, textQueueLimit, millis,
                idleTimeoutMillis, sendBufferBytes, writeLowWaterMark, writeHighWaterMark, workerThreads,
                latencyTargetMillis);
    }

    RelaySettings withMaxPayload(int bytes) {
        return new RelaySettings(host, port, bytes, videoWindow, audioQueueFrames, textQueueLimit,
                handshakeTimeoutMillis, idleTimeoutMillis, sendBufferBytes, writeLowWaterMark, writeHighWaterMark,
                workerThreads, latencyTargetMillis);
    }

    RelaySettings withTextQueueLimit(int messages) {
        return new RelaySettings(host, port, maxPayload, videoWindow, audioQueueFrames, messages,
                handshakeTimeoutMillis, idleTimeoutMillis, sendBufferBytes, writeLowWaterMark, writeHighWaterMark,
                workerThreads, latencyTargetMillis);
    }

    RelaySettings withIdleTimeoutMillis(int millis) {
        return new RelaySettings(host, port, maxPayload, videoWindow, audioQueueFrames, textQueueLimit,
                handshakeTimeoutMillis, millis, sendBufferBytes, writeLowWaterMark, writeHighWaterMark,
                workerThreads, latencyTargetMillis);
    }
}
