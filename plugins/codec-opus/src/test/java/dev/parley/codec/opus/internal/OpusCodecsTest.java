package dev.parley.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import java.util.Dictionary;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class OpusCodecsTest {
    private final BundleContext context = mock(BundleContext.class);

    @Test
    void withoutTheNativeLibraryNothingIsRegistered() {
        OpusCodecs codecs = new OpusCodecs(context, config(24000), Optional::empty);

        assertFalse(codecs.registered());
        verifyNoInteractions(context);
        codecs.deactivate();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void withTheLibraryAnEncoderAndADecoderAreRegisteredAsOpusAudioRankedAbovePcm() {
        ServiceRegistration registration = mock(ServiceRegistration.class);
        when(context.registerService(eq(FrameEncoder.class), any(FrameEncoder.class), any())).thenReturn(registration);
        when(context.registerService(eq(FrameDecoder.class), any(FrameDecoder.class), any())).thenReturn(registration);

        OpusCodecs codecs = new OpusCodecs(context, config(24000), () -> Optional.of(mock(Opus.class)));

        ArgumentCaptor<Dictionary> properties = ArgumentCaptor.forClass(Dictionary.class);
        verify(context).registerService(eq(FrameEncoder.class), any(OpusEncoder.class), properties.capture());
        verify(context).registerService(eq(FrameDecoder.class), any(OpusDecoder.class), properties.capture());
        for (Dictionary p : properties.getAllValues()) {
            assertEquals("opus", p.get("parley.codec"));
            assertEquals("AUDIO", p.get("parley.kind"));
            assertEquals(10, p.get("service.ranking"));
        }
        codecs.deactivate();
        verify(registration, org.mockito.Mockito.times(2)).unregister();
    }

    @Test
    void theBitRateComesFromTheConfigurationFollowsItsChangesAndIsClamped() {
        OpusCodecs codecs = new OpusCodecs(context, config(24000), Optional::empty);
        assertEquals(24000, codecs.settings().bitrate());

        codecs.modified(config(64000));
        assertEquals(64000, codecs.settings().bitrate());

        codecs.modified(config(1));
        assertEquals(OpusSettings.MIN_BITRATE, codecs.settings().bitrate());
        assertEquals(OpusSettings.MAX_BITRATE, new OpusSettings(Integer.MAX_VALUE).bitrate());
    }

    private static OpusConfig config(int bitrate) {
        OpusConfig c = mock(OpusConfig.class);
        when(c.bitrate()).thenReturn(bitrate);
        return c;
    }
}
