package dev.parley.capture.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.MediaSource;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class AudioFileComponentTest {
    @TempDir
    Path folder;

    /** What the component registered, and how often it unregistered. */
    private final List<Object> services = new ArrayList<>();
    private final List<Dictionary<?, ?>> properties = new ArrayList<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    @Test
    void aConfiguredFileIsRegisteredAsTheBestAudioSourceUnderItsName() throws Exception {
        Path file = Files.write(folder.resolve("talk.wav"), WavFileSourceTest.wav(16000, 1, 16, new byte[640]));

        AudioFileComponent component = new AudioFileComponent(context(), config(file.toString(), false));

        assertEquals(1, services.size());
        MediaSource source = (MediaSource) services.get(0);
        assertEquals("file:talk.wav", source.id());
        assertEquals(MediaKind.AUDIO, source.kind());
        assertEquals("file:talk.wav", properties.get(0).get(MediaSource.PROP_SOURCE));
        assertEquals("AUDIO", properties.get(0).get("parley.kind"));
        assertEquals(100, properties.get(0).get("service.ranking"));
        assertTrue((Integer) properties.get(0).get("service.ranking") > SoundCardDiscovery.RANKING);
        assertTrue(source.description().contains(file.toString()), source.description());

        component.deactivate();
        assertEquals(1, unregistered.get());
    }

    @Test
    void aMissingFileIsRegisteredStillSoThatAFileFixedInPlaceIsSentByTheNextCall() {
        new AudioFileComponent(context(), config(folder.resolve("later.wav").toString(), true));

        assertEquals(1, services.size());
        assertEquals("file:later.wav", ((MediaSource) services.get(0)).id());
    }

    @Test
    void withoutAPathNothingIsRegistered() {
        AudioFileComponent component = new AudioFileComponent(context(), config("  ", true));

        assertEquals(0, services.size());
        component.deactivate();
        assertEquals(0, unregistered.get());
    }

    private BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered.incrementAndGet();
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    services.add(args[1]);
                    properties.add((Dictionary<?, ?>) args[2]);
                    return registration;
                });
    }

    private static AudioFileComponent.Config config(String path, boolean loop) {
        return new AudioFileComponent.Config() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public boolean loop() {
                return loop;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return AudioFileComponent.Config.class;
            }
        };
    }
}
