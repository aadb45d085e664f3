package dev.parley.api.call;

import org.osgi.annotation.versioning.ProviderType;

import dev.parley.api.MediaBus;

/** Joins a media bus to a room on a relay. The returned call reconnects by itself until it is left. */
@ProviderType
public interface ParticipantConnector {
    Call connect(ConnectOptions options, MediaBus bus);
}
