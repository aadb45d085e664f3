package dev.parley.codec.turbojpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.plugins.common.NativeLibraryProbe;
import java.util.Dictionary;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.LoggerFactory;

class TurboJpegCodecsTest {
    private final BundleContext context = mock(BundleContext.class);

    @Test
    void withoutTheNativeLibraryNothingIsRegistered() {
        TurboJpegCodecs codecs = new TurboJpegCodecs(context, config(80, "4:2:0"), Optional::empty);

        assertFalse(codecs.registered());
        verifyNoInteractions(context);
        codecs.deactivate();
    }

    @Test
    void aLibraryNameThatDoesNotLoadIsReportedAsAbsentNotThrown() {
        assertTrue(NativeLibraryProbe.load("parley-no-such-library", TurboJpeg.class, TurboJpeg.FUNCTIONS,
                LoggerFactory.getLogger(getClass())).isEmpty());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void withTheLibraryAnEncoderAndADecoderAreRegisteredAsJpegVideoRankedAboveImageIo() {
        ServiceRegistration encoderRegistration = mock(ServiceRegistration.class);
        ServiceRegistration decoderRegistration = mock(ServiceRegistration.class);
        when(context.registerService(eq(FrameEncoder.class), any(FrameEncoder.class), any())).thenReturn(encoderRegistration);
        when(context.registerService(eq(FrameDecoder.class), any(FrameDecoder.class), any())).thenReturn(decoderRegistration);

        TurboJpegCodecs codecs = new TurboJpegCodecs(context, config(80, "4:2:0"), () -> Optional.of(mock(TurboJpeg.class)));

        ArgumentCaptor<Dictionary> properties = ArgumentCaptor.forClass(Dictionary.class);
        verify(context).registerService(eq(FrameEncoder.class), any(TurboJpegEncoder.class), properties.capture());
        verify(context).registerService(eq(FrameDecoder.class), any(TurboJpegDecoder.class), properties.capture());
        for (Dictionary p : properties.getAllValues()) {
            assertEquals("jpeg", p.get("parley.codec"));
            assertEquals("VIDEO", p.get("parley.kind"));
            assertEquals(10, p.get("service.ranking"));
        }
        codecs.deactivate();
        verify(encoderRegistration, times(1)).unregister();
        verify(decoderRegistration, times(1)).unregister();
    }

    @Test
    void settingsComeFromTheConfigurationAndFollowItsChanges() {
        TurboJpegCodecs codecs = new TurboJpegCodecs(context, config(80, "4:2:0"), Optional::empty);
        assertEquals(new TurboJpegSettings(80, TurboJpeg.TJSAMP_420, TurboJpegSettings.DEFAULT_MAX_PIXELS), codecs.settings());

        codecs.modified(config(55, "4:4:4"));

        assertEquals(55, codecs.settings().quality());
        assertEquals(TurboJpeg.TJSAMP_444, codecs.settings().subsamp());
    }

    @Test
    void outOfRangeSettingsAreClampedOrFallBackToTheDefaults() {
        assertEquals(100, new TurboJpegSettings(400, 0, 1).quality());
        assertEquals(1, new TurboJpegSettings(-5, 0, 1).quality());
        assertEquals(TurboJpeg.TJSAMP_420, new TurboJpegSettings(80, 17, 1).subsamp());
        assertEquals(TurboJpegSettings.DEFAULT_MAX_PIXELS, new TurboJpegSettings(80, 0, 0).maxPixels());
        assertEquals(TurboJpeg.TJSAMP_422, TurboJpegSettings.subsampling("422"));
        assertEquals(TurboJpeg.TJSAMP_GRAY, TurboJpegSettings.subsampling("grey"));
        assertEquals(TurboJpeg.TJSAMP_420, TurboJpegSettings.subsampling("nonsense"));
    }

    private static TurboJpegConfig config(int quality, String subsampling) {
        TurboJpegConfig c = mock(TurboJpegConfig.class);
        when(c.quality()).thenReturn(quality);
        when(c.subsampling()).thenReturn(subsampling);
        when(c.maxPixels()).thenReturn(TurboJpegSettings.DEFAULT_MAX_PIXELS);
        return c;
    }
}
