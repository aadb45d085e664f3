package dev.parley.relay.internal;

import dev.parley.api.call.ConnectOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = RelayConfig.PID, name = "Parley relay", description = "The relay server: where it listens and its limits")
public @interface RelayConfig {
    String PID = "parley.relay";

    @AttributeDefinition(description = "Address to listen on")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (0 picks a free one)")
    int port() default ConnectOptions.DEFAULT_PORT;

    @AttributeDefinition(description = "Largest accepted frame payload in bytes, checked before allocation")
    int maxPayload() default 8 * 1024 * 1024;

    @AttributeDefinition(description = "Unacknowledged VIDEO frames a new receiver may have in flight (announced in WELCOME); then the window follows the receiver's acknowledgement delay")
    int videoWindow() default 4;

    @AttributeDefinition(description = "Acknowledgement delay a receiver's video window aims for: it grows while the delay stays under half of this and shrinks in proportion above it (bounds a slow reader's latency)")
    int latencyTargetMillis() default 100;

    @AttributeDefinition(description = "AUDIO frames held per receiver and per sending stream while the receiver's socket is full; that stream's oldest go beyond this")
    int audioQueueFrames() default 8;

    @AttributeDefinition(description = "TEXT messages held per receiver before it is disconnected as too slow")
    int textQueueLimit() default 10000;

    @AttributeDefinition(description = "Milliseconds a new connection has to send HELLO")
    int handshakeTimeoutMillis() default 10_000;

    @AttributeDefinition(description = "Milliseconds without any frame from a joined participant before it is dropped")
    int idleTimeoutMillis() default 30_000;

    @AttributeDefinition(description = "Socket send buffer in bytes")
    int sendBufferBytes() default 256 * 1024;

    @AttributeDefinition(description = "Outbound bytes below which a connection counts as writable again")
    int writeLowWaterMark() default 256 * 1024;

    @AttributeDefinition(description = "Outbound bytes above which a connection stops taking video")
    int writeHighWaterMark() default 512 * 1024;

    @AttributeDefinition(description = "Event-loop threads for connections (0: one per core; more threads than cores only add switching)")
    int workerThreads() default 0;

    @AttributeDefinition(description = "Chat messages per second one participant may send (beyond its burst, the relay stops reading it for a while; nothing is dropped); 0: no limit")
    int textMessagesPerSecond() default 20;

    @AttributeDefinition(description = "Chat messages one participant may send at once above its rate")
    int textMessageBurst() default 100;

    @AttributeDefinition(description = "Chat bytes per second one participant may send (its burst is four seconds' worth); 0: no limit")
    int textBytesPerSecond() default 65536;

    @AttributeDefinition(description = "VIDEO and AUDIO bytes per second one participant may send: well above any camera (a 1080p MJPEG camera sends about 9 MB/s); 0: no limit")
    int mediaBytesPerSecond() default 16 * 1024 * 1024;

    @AttributeDefinition(description = "Media bytes one participant may send at once above its rate")
    int mediaBurstBytes() default 16 * 1024 * 1024;

    @AttributeDefinition(description = "Connections one address may hold open at once")
    int maxConnectionsPerAddress() default 32;

    @AttributeDefinition(description = "Connections that have not yet completed their HELLO, from all addresses together")
    int maxHandshaking() default 256;

    @AttributeDefinition(description = "Rooms with at least one participant")
    int maxRooms() default 256;

    @AttributeDefinition(description = "Participants in one room")
    int maxParticipantsPerRoom() default 128;

    @AttributeDefinition(description = "Speak TLS 1.3 with a self-signed certificate made on first start; false keeps the lab's plain connections, which anyone on the LAN can read")
    boolean tls() default true;

    @AttributeDefinition(description = "Folder of the relay's certificate and key (relay.crt, relay.key), made there on first start; empty: config/tls of the distribution")
    String certificateDir() default "";

    @AttributeDefinition(description = "Rooms that need a passphrase, one ROOM=PASSPHRASE per line; a participant proves it knows the passphrase without sending it")
    String roomPassphrases() default "";

    @AttributeDefinition(description = "Memory of the Argon2id key derivation for room passphrases, in KiB")
    int passphraseMemoryKiB() default 65536;

    @AttributeDefinition(description = "Passes of the Argon2id key derivation for room passphrases")
    int passphraseIterations() default 3;

    @AttributeDefinition(description = "TCP port of the browser endpoint: the web page and the call over a WebSocket at /call, over TLS when the relay speaks it (0: off)")
    int webPort() default 0;

    @AttributeDefinition(description = "Origins, besides the page's own, whose pages may open the WebSocket (comma-separated, as http://host:port; * for any)")
    String webAllowedOrigins() default "";
}
