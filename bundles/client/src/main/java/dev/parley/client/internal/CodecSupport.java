package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.MediaPublisher;
import java.util.Optional;
import java.util.Set;

/** What a call needs for codec agreement: what this process decodes, and the publications it sends. */
interface CodecSupport {
    /** Names of the codecs this process can decode now (its FrameDecoder services). */
    Set<String> decoderNames();

    /** The publication sending {@code kind} on {@code bus}, if there is one. */
    Optional<MediaPublisher.Publication> publication(MediaBus bus, MediaKind kind);

    /** For calls without codec agreement (tests): decodes the baseline, publishes nothing. */
    CodecSupport NONE = new CodecSupport() {
        @Override
        public Set<String> decoderNames() {
            return CodecAgreement.BASELINE;
        }

        @Override
        public Optional<MediaPublisher.Publication> publication(MediaBus bus, MediaKind kind) {
            return Optional.empty();
        }
    };
}
