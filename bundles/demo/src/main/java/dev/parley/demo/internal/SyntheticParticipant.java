package dev.parley.demo.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.call.Call;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.codec.MediaFormat;
import java.util.ArrayList;
import java.util.List;

/** One demo participant: its own bus, a call to the local relay, test-pattern video, tone audio and playout. */
final class SyntheticParticipant implements AutoCloseable {
    final String name;
    final MediaBus bus;
    final Call call;
    private final List<AutoCloseable> running = new ArrayList<>();

    /** @param security how to join the local relay: its own certificate's fingerprint is the one to trust */
    SyntheticParticipant(String name, MediaBus bus, int port, String room, int fps, ParticipantConnector connector,
                         MediaPublisher publisher, AudioPlayer player, ConnectOptions.Security security) {
        this.name = name;
        this.bus = bus;
        this.call = connector.connect(new ConnectOptions("127.0.0.1", port, name, room, security), bus);
        running.add(publisher.start(bus, MediaKind.VIDEO, new CaptureSpec(name, MediaFormat.video(640, 480, fps))));
        running.add(publisher.start(bus, MediaKind.AUDIO, new CaptureSpec(name, MediaFormat.audio(16000, 1, 20))));
        running.add(player.start(bus));
    }

    @Override
    public void close() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing a finished capture or playout: nothing left to do.
            }
        }
        call.leave();
    }
}
