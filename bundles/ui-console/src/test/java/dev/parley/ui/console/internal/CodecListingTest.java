package dev.parley.ui.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.call.Call;
import dev.parley.ui.console.internal.CodecListing.Codec;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecListingTest {
    private static final Codec IMAGEIO = new Codec("jpeg", MediaKind.VIDEO, 0, "codec-jpeg");
    private static final Codec TURBO = new Codec("jpeg", MediaKind.VIDEO, 10, "codec-turbojpeg");
    private static final Codec PCM = new Codec("pcm-s16le", MediaKind.AUDIO, 0, "codec-pcm");
    private static final Codec OPUS = new Codec("opus", MediaKind.AUDIO, 10, "codec-opus");

    @Test
    void codecsAreListedByKindBestFirstWithRankingAndProvider() {
        String text = CodecListing.format(List.of(PCM, IMAGEIO, OPUS, TURBO), List.of(IMAGEIO, PCM), null);

        assertEquals(String.join(System.lineSeparator(),
                "encoders:",
                "  video jpeg         ranking  10  codec-turbojpeg",
                "  video jpeg         ranking   0  codec-jpeg",
                "  audio opus         ranking  10  codec-opus",
                "  audio pcm-s16le    ranking   0  codec-pcm",
                "decoders:",
                "  video jpeg         ranking   0  codec-jpeg",
                "  audio pcm-s16le    ranking   0  codec-pcm",
                "no call here: streams show once Parley runs as a client or the demo"), text);
    }

    @Test
    void eachStreamShowsItsCodecAndWhatEncodesOrDecodesItAndARemoteCodecWithoutDecoderIsSaid() {
        Call call = call(
                stream(0, "alice", MediaKind.VIDEO, "jpeg;enc=turbo"),
                stream(0, "alice", MediaKind.AUDIO, "pcm-s16le;rate=16000"),
                stream(0, "alice", MediaKind.TEXT, ""),
                stream(3, "carol", MediaKind.AUDIO, "opus;rate=16000"),
                stream(2, "bob", MediaKind.VIDEO, "jpeg"),
                stream(2, "bob", MediaKind.AUDIO, ""));

        String text = CodecListing.format(List.of(TURBO, IMAGEIO, PCM), List.of(IMAGEIO, TURBO, PCM), call);

        String streams = text.substring(text.indexOf("streams of"));
        assertEquals(String.join(System.lineSeparator(),
                "streams of alice in lobby:",
                "  alice (you)      video jpeg;enc=turbo         sent, encoded by codec-turbojpeg",
                "  alice (you)      audio pcm-s16le;rate=16000   sent, encoded by codec-pcm",
                "  2 bob            video jpeg                   decoded by codec-turbojpeg",
                "  2 bob            audio -                      no frames yet",
                "  3 carol          audio opus;rate=16000        no decoder for opus"), streams);
    }

    @Test
    void nothingPresentIsSaidRatherThanLeftBlank() {
        String text = CodecListing.format(List.of(), List.of(), call());

        assertEquals(String.join(System.lineSeparator(), "encoders: none", "decoders: none",
                "streams of alice in lobby: none yet"), text);
    }

    @Test
    void aLocalStreamWhoseEncoderLeftSaysSo() {
        String text = CodecListing.format(List.of(), List.of(), call(stream(0, "alice", MediaKind.AUDIO, "opus;rate=16000")));

        assertEquals("  alice (you)      audio opus;rate=16000        sent (its encoder has gone)",
                text.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static StreamStats stream(int sender, String name, MediaKind kind, String codec) {
        return new StreamStats(new StreamKey(sender, kind, 0), name, codec, 10, 1000, 10, 0, 15, 100, 1000, 2000);
    }

    static Call call(StreamStats... streams) {
        MediaBus bus = mock(MediaBus.class);
        when(bus.stats()).thenReturn(List.of(streams));
        Call call = mock(Call.class);
        when(call.name()).thenReturn("alice");
        when(call.room()).thenReturn("lobby");
        when(call.bus()).thenReturn(bus);
        return call;
    }
}
