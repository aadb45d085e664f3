package dev.parley.ui.swing.internal;

import dev.parley.api.MediaKind;
import dev.parley.common.RankedList;
import dev.parley.api.capture.MediaPublisher.Publication;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import java.util.List;
import java.util.Optional;

/** What the window's menus and input can do to the call and to Parley; implemented by the view component. */
interface WindowActions {
    /** The local participant's camera or microphone, when it sends that kind. */
    Optional<Publication> publication(MediaKind kind);

    List<RankedList.Ranked<MediaSource>> sources();

    List<RankedList.Ranked<FrameEncoder>> encoders();

    List<RankedList.Ranked<FrameDecoder>> decoders();

    /** Sends a chat line; throws IllegalArgumentException for a line the call refuses. */
    /** How each remote audio stream plays here (jitter buffer, latency to the speaker); empty without a player. */
    List<dev.parley.api.capture.PlayoutStats> playout();

    void say(String text);

    /** Leaves the window for the console view; the call goes on. */
    void useConsole();

    /** Stops Parley. */
    void quit();
}
