package dev.parley.relay.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tracks every Netty buffer (paranoid leak detection) and collects leak reports instead of only logging them, so a
 * test can fail on a reference-counting mistake in the relay's shared-buffer fan-out. Must be installed before any
 * Netty buffer class is initialised.
 */
final class LeakWatch {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private LeakWatch() {
    }

    static synchronized void install() {
        if (installed) return;
        installed = true;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new ResourceLeakDetector<T>(resource, samplingInterval) {
                    @Override
                    protected boolean needReport() { return true; }

                    @Override
                    protected void reportTracedLeak(String type, String records) {
                        LEAKS.add(type + " leaked:" + records);
                        super.reportTracedLeak(type, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String type) {
                        LEAKS.add(type + " leaked");
                        super.reportUntracedLeak(type);
                    }
                };
            }
        });
    }

    /** Collects garbage a few times, lets the detector look at what it found, and returns the leaks seen so far. */
    static List<String> collect() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            // The detector reports what the collector found when the next buffer is tracked.
            for (int j = 0; j < 10; j++) {
                ByteBufAllocator.DEFAULT.directBuffer(16).release();
                ByteBufAllocator.DEFAULT.heapBuffer(16).release();
            }
        }
        return new ArrayList<>(LEAKS);
    }
}
