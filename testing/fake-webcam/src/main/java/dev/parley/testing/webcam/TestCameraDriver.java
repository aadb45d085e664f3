package dev.parley.testing.webcam;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Component;

/**
 * A webcam-capture driver with one {@link TestCamera}, offered as a service the way a camera plugin would offer
 * one, and the shell commands {@code testcam:stop} and {@code testcam:start} that make its camera stop and start
 * sending pictures (as a camera that is unplugged and plugged in again).
 */
@Component(service = {WebcamDriver.class, TestCameraDriver.class},
        property = {"osgi.command.scope=testcam", "osgi.command.function=stop", "osgi.command.function=start"})
public final class TestCameraDriver implements WebcamDriver {
    private final AtomicBoolean serving = new AtomicBoolean(true);
    private final TestCamera camera = new TestCamera(serving);

    @Override
    public List<WebcamDevice> getDevices() {
        return List.of(camera);
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    public String stop() {
        serving.set(false);
        return "test camera stopped sending pictures";
    }

    public String start() {
        serving.set(true);
        return "test camera sends pictures again";
    }
}
