package dev.parley.ui.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class CodecCommandsTest {
    private final BundleContext context = mock(BundleContext.class);
    private final CodecCommands commands = new CodecCommands(context);

    CodecCommandsTest() {
        bundle(7, "dev.parley.codec-jpeg");
        bundle(9, "dev.parley.codec-turbojpeg");
    }

    @Test
    void codecsThatArriveAreListedWithTheirBundleAndThoseThatLeaveAreNot() {
        FrameEncoder imageIo = encoder("jpeg");
        FrameEncoder turbo = encoder("jpeg");
        commands.addEncoder(imageIo, Map.of("service.ranking", 0, "service.bundleid", 7L));
        commands.addEncoder(turbo, Map.of("service.ranking", 10, "service.bundleid", 9L));

        assertTrue(commands.codecs().contains("video jpeg         ranking  10  codec-turbojpeg"), commands.codecs());

        commands.removeEncoder(turbo);

        assertTrue(commands.codecs().startsWith("encoders:" + System.lineSeparator()
                + "  video jpeg         ranking   0  codec-jpeg" + System.lineSeparator() + "decoders: none"), commands.codecs());
    }

    @Test
    void theCallsStreamsAreListedWhileACallIsPresent() {
        FrameDecoder decoder = mock(FrameDecoder.class);
        when(decoder.codec()).thenReturn("jpeg");
        when(decoder.kind()).thenReturn(MediaKind.VIDEO);
        commands.addDecoder(decoder, Map.of("service.bundleid", 9L));
        var call = CodecListingTest.call(new StreamStats(new StreamKey(2, MediaKind.VIDEO, 0), "bob", "jpeg;enc=turbo",
                1, 1, 1, 0, 15, 100, -1, -1));

        commands.setCall(call);
        assertTrue(commands.codecs().endsWith("2 bob            video jpeg;enc=turbo         decoded by codec-turbojpeg"),
                commands.codecs());

        commands.unsetCall(call);
        assertTrue(commands.codecs().endsWith("no call here: streams show once Parley runs as a client or the demo"));
    }

    @Test
    void aServiceWithoutRankingOrKnownBundleStillShows() {
        commands.addEncoder(encoder("h264"), Map.of());

        assertEquals("  video h264         ranking   0  unknown bundle", commands.codecs().lines().toList().get(1));
    }

    private FrameEncoder encoder(String codec) {
        FrameEncoder e = mock(FrameEncoder.class);
        when(e.codec()).thenReturn(codec);
        when(e.kind()).thenReturn(MediaKind.VIDEO);
        return e;
    }

    private void bundle(long id, String symbolicName) {
        Bundle b = mock(Bundle.class);
        when(b.getSymbolicName()).thenReturn(symbolicName);
        when(context.getBundle(id)).thenReturn(b);
    }
}
