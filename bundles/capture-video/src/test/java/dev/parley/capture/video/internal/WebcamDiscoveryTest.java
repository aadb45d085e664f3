package dev.parley.capture.video.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebcamDiscoveryTest {
    @Test
    void aDirectoryWithoutVideoNodesMeansNoCamera(@TempDir Path dev) throws Exception {
        Files.createFile(dev.resolve("null"));

        assertFalse(WebcamDiscovery.hasVideoDevice(dev));
        assertFalse(WebcamDiscovery.hasVideoDevice(dev.resolve("missing")));
    }

    @Test
    void aVideoNodeMeansACameraMayBeThere(@TempDir Path dev) throws Exception {
        Files.createFile(dev.resolve("video0"));

        assertTrue(WebcamDiscovery.hasVideoDevice(dev));
    }
}
