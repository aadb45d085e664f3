package dev.parley.api.call;

import dev.parley.api.MediaBus;

/** Joins a media bus to a room on a relay. The returned call reconnects by itself until it is left. */
public interface ParticipantConnector {
    Call connect(ConnectOptions options, MediaBus bus);
}
