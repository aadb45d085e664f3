package dev.parley.relay.internal;

/**
 * The relay's settings as plain values, read from {@link RelayConfig}; every field is documented there and in the
 * distribution's {@code config/parley.relay.cfg}.
 */
record RelaySettings(String host, int port, int maxPayload, int videoWindow, int audioQueueFrames, int textQueueLimit,
                     int handshakeTimeoutMillis, int idleTimeoutMillis, int sendBufferBytes, int writeLowWaterMark,
                     int writeHighWaterMark, int workerThreads, int latencyTargetMillis, int textMessagesPerSecond,
                     int textMessageBurst, int textBytesPerSecond, int mediaBytesPerSecond, int mediaBurstBytes,
                     int maxConnectionsPerAddress, int maxHandshaking, int maxRooms, int maxParticipantsPerRoom,
                     boolean tls, String certificateDir, String roomPassphrases, int passphraseMemoryKiB,
                     int passphraseIterations, int webPort, String webAllowedOrigins) {

    static RelaySettings of(RelayConfig c) {
        return new RelaySettings(c.host(), c.port(), c.maxPayload(), c.videoWindow(), c.audioQueueFrames(),
                c.textQueueLimit(), c.handshakeTimeoutMillis(), c.idleTimeoutMillis(), c.sendBufferBytes(),
                c.writeLowWaterMark(), c.writeHighWaterMark(), c.workerThreads(), c.latencyTargetMillis(),
                c.textMessagesPerSecond(), c.textMessageBurst(), c.textBytesPerSecond(), c.mediaBytesPerSecond(),
                c.mediaBurstBytes(), c.maxConnectionsPerAddress(), c.maxHandshaking(), c.maxRooms(),
                c.maxParticipantsPerRoom(), c.tls(), c.certificateDir(), c.roomPassphrases(), c.passphraseMemoryKiB(),
                c.passphraseIterations(), c.webPort(), c.webAllowedOrigins());
    }

    /**
     * The documented defaults (those of {@link RelayConfig}), listening on {@code host:port}, but in plaintext: for
     * tests, which speak the wire protocol over plain sockets ({@code with("tls", true)} for TLS).
     */
    static RelaySettings defaults(String host, int port) {
        RelayConfig d = Defaults.of(RelayConfig.class);
        return of(d).withAddress(host, port).with("tls", false);
    }

    /** Never shows the room passphrases (settings are logged when they change). */
    @Override
    public String toString() {
        return "RelaySettings[" + host + ":" + port + ", tls=" + tls + ", videoWindow=" + videoWindow + ", latencyTarget="
                + latencyTargetMillis + " ms, protected rooms: " + roomPassphrases.lines().filter(l -> !l.isBlank()).count()
                + "]";
    }

    /** Where the relay's certificate lives: the configured folder, else the distribution's config/tls. */
    java.nio.file.Path certificateFolder() {
        if (!certificateDir.isBlank()) return java.nio.file.Path.of(certificateDir);
        String home = System.getProperty("parley.home");
        return home != null ? java.nio.file.Path.of(home, "config", "tls")
                : java.nio.file.Path.of(System.getProperty("user.home"), ".parley", "tls");
    }

    RelaySettings withAddress(String h, int p) {
        return with("host", h).with("port", p);
    }

    /** A copy with one setting changed, by its name in {@link RelayConfig} (for tests and experiments). */
    RelaySettings with(String key, Object value) {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent c : RelaySettings.class.getRecordComponents()) {
            try {
                values.put(c.getName(), c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!values.containsKey(key)) throw new IllegalArgumentException("no relay setting " + key);
        values.put(key, value);
        return Defaults.record(RelaySettings.class, values);
    }

    RelaySettings withHandshakeTimeoutMillis(int millis) {
        return with("handshakeTimeoutMillis", millis);
    }

    RelaySettings withMaxPayload(int bytes) {
        return with("maxPayload", bytes);
    }

    RelaySettings withTextQueueLimit(int messages) {
        return with("textQueueLimit", messages);
    }

    RelaySettings withIdleTimeoutMillis(int millis) {
        return with("idleTimeoutMillis", millis);
    }
}
