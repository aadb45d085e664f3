package dev.parley.capture.video.internal;

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

class VideoFileComponentTest {
    @TempDir
    Path folder;

    /** What the component registered, and how often it unregistered. */
    private final List<Object> services = new ArrayList<>();
    private final List<Dictionary<?, ?>> properties = new ArrayList<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    @Test
    void aConfiguredFolderIsRegisteredAsTheBestVideoSourceUnderItsName() throws Exception {
        Path file = Files.createDirectory(folder.resolve("clip"));

        VideoFileComponent component = new VideoFileComponent(context(), config(file.toString()));

        assertEquals(1, services.size());
        MediaSource source = (MediaSource) services.get(0);
        assertEquals("file:clip", source.id());
        assertEquals(MediaKind.VIDEO, source.kind());
        assertEquals("file:clip", properties.get(0).get(MediaSource.PROP_SOURCE));
        assertEquals("VIDEO", properties.get(0).get("parley.kind"));
        assertEquals(100, properties.get(0).get("service.ranking"));
        assertTrue((Integer) properties.get(0).get("service.ranking") > WebcamDiscovery.RANKING);
        assertTrue(source.description().contains(file.toString()), source.description());

        component.deactivate();
        assertEquals(1, unregistered.get());
    }

    @Test
    void aMissingPathIsRegisteredStillSoThatPicturesPutInPlaceAreSentByTheNextCall() {
        new VideoFileComponent(context(), config(folder.resolve("later.mjpeg").toString()));

        assertEquals(1, services.size());
        assertEquals("file:later.mjpeg", ((MediaSource) services.get(0)).id());
    }

    @Test
    void withoutAPathNothingIsRegistered() {
        VideoFileComponent component = new VideoFileComponent(context(), config("  "));

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

    private static VideoFileComponent.Config config(String path) {
        return new VideoFileComponent.Config() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return VideoFileComponent.Config.class;
            }
        };
    }
}
