package dev.parley.api.call;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;

/** A running relay, registered as a service by the relay bundle: where it listens and how its members fare. */
@ProviderType
public interface RelayStatus {
    /** The TCP port the relay listens on (the real one when configured with port 0). */
    int port();

    /** The SHA-256 fingerprint of the relay's TLS certificate ({@code 3f:2a:...}), or empty when it runs in plaintext. */
    String certificateFingerprint();

    /** One entry per joined participant, in joining order. */
    List<MemberStats> members();

    /** What the relay counted since it started. */
    Totals totals();

    /**
     * Counters of one participant's connection to the relay.
     *
     * @param id            participant number
     * @param name          participant name
     * @param room          room joined
     * @param remoteAddress peer address and port
     * @param framesIn      media frames received from this participant
     * @param framesOut     media frames written to this participant
     * @param videoReplaced video frames for this participant replaced by newer ones before they were sent
     * @param audioDropped  audio frames dropped because this participant could not take them in time
     * @param videoInFlight video frames written but not yet acknowledged by RECEIVED
     * @param videoWindow   video frames this participant may have in flight now (it follows its acknowledgements)
     * @param throttled     how often the relay stopped reading this participant for sending beyond its fair share
     */
    record MemberStats(int id, String name, String room, String remoteAddress, long framesIn, long framesOut,
                       long videoReplaced, long audioDropped, int videoInFlight, int videoWindow, long throttled) {
    }

    /**
     * Counters of the relay as a whole.
     *
     * @param joined         participants that joined
     * @param tooSlow        participants the relay disconnected because they stopped reading
     * @param idle           participants the relay disconnected because they sent nothing for too long
     * @param protocolErrors connections closed with ERROR for breaking the protocol
     * @param relayErrors    failures of the relay itself (each a bug, logged with the frame that caused it)
     */
    record Totals(long joined, long tooSlow, long idle, long protocolErrors, long relayErrors) {
    }
}
