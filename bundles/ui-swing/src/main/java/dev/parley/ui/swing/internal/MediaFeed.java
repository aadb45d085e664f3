package dev.parley.ui.swing.internal;

import dev.parley.api.MediaBus;
import dev.parley.common.RankedList;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.Subscription;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;

/**
 * Takes a call's video and audio off its bus and into the feeds, never on the EDT. Video has a subscription of its
 * own, which the bus serves newest-frame-per-stream, so a view that decodes slowly skips pictures instead of falling
 * behind; audio has another, so the level meters stay live while pictures decode.
 */
final class MediaFeed implements AutoCloseable {
    private final Feeds feeds;
    private final StreamDecoders video;
    private final StreamDecoders audio;
    private final Subscription videoSubscription;
    private final Subscription audioSubscription;

    MediaFeed(MediaBus bus, RankedList<FrameDecoder> decoders, Feeds feeds) {
        this.feeds = feeds;
        this.video = new StreamDecoders(decoders, MediaKind.VIDEO);
        this.audio = new StreamDecoders(decoders, MediaKind.AUDIO);
        this.videoSubscription = bus.subscribe("swing-video", f -> f.kind() == MediaKind.VIDEO, this::onVideo);
        this.audioSubscription = bus.subscribe("swing-audio", f -> f.kind() == MediaKind.AUDIO, this::onAudio);
    }

    private void onVideo(MediaFrame frame) {
        ParticipantFeed feed = feeds.forFrame(frame);
        if (feed == null) return;
        RawFrame raw = video.decode(frame, codec -> feed.problem("no decoder for " + codec));
        if (raw instanceof VideoImage picture) feed.picture(picture.image());
    }

    private void onAudio(MediaFrame frame) {
        ParticipantFeed feed = feeds.forFrame(frame);
        if (feed == null) return;
        RawFrame raw = audio.decode(frame, codec -> feed.level(AudioLevel.SILENCE));
        if (raw instanceof AudioSamples samples) feed.level(AudioLevel.of(samples.samples()));
    }

    /** Frames this view lost to its bus queues (video replaced by newer pictures, audio overflowed). */
    long dropped() {
        return videoSubscription.dropped() + audioSubscription.dropped();
    }

    @Override
    public void close() {
        // Closing a subscription waits for its thread, so the decoders are no longer in use afterwards.
        videoSubscription.close();
        audioSubscription.close();
        video.close();
        audio.close();
    }
}
