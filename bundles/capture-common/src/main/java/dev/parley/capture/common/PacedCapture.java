package dev.parley.capture.common;

import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.RawFrame;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running capture: takes a frame from a supplier at a fixed rate on its own daemon thread and hands it to the
 * sink. A failing frame is logged and skipped (a throwing scheduled task would otherwise silently stop the whole
 * capture). Closing stops the thread and guarantees that no frame reaches the sink afterwards.
 */
public final class PacedCapture implements MediaSource.Capture {
    private static final Logger LOG = LoggerFactory.getLogger(PacedCapture.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final ScheduledExecutorService executor;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread captureThread;
    private long failures;
    private long firstTick;
    private long ticks;
    private long periodNanos;
    private boolean dropLate;

    public PacedCapture(ScheduledExecutorService executor, Runnable onClose) {
        this.executor = executor;
        this.onClose = onClose;
    }

    /** A single daemon thread with the given name, and, when not null, the given context class loader. */
    public static ScheduledExecutorService newExecutor(String threadName, ClassLoader contextLoader) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            if (contextLoader != null) {
                thread.setContextClassLoader(contextLoader);
            }
            return thread;
        });
    }

    /** Starts delivering every tick, catching up after a stall (audio: every sample counts). */
    public PacedCapture start(long periodNanos, Supplier<? extends RawFrame> frames, Consumer<RawFrame> sink) {
        return start(periodNanos, frames, sink, false);
    }

    /**
     * Starts delivering; {@code frames} may return null when it has no frame this time.
     *
     * @param dropLate skip ticks that run more than a period late instead of bursting to catch up (video: a late
     *                 picture is worth less than the next one)
     */
    public PacedCapture start(long periodNanos, Supplier<? extends RawFrame> frames, Consumer<RawFrame> sink, boolean dropLate) {
        this.periodNanos = periodNanos;
        this.dropLate = dropLate;
        executor.scheduleAtFixedRate(() -> deliver(frames, sink), 0, periodNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private void deliver(Supplier<? extends RawFrame> frames, Consumer<RawFrame> sink) {
        captureThread = Thread.currentThread();
        if (closed.get()) {
            return;
        }
        long now = System.nanoTime();
        if (ticks++ == 0) firstTick = now;
        if (dropLate && now - (firstTick + (ticks - 1) * periodNanos) > periodNanos) {
            return;
        }
        try {
            RawFrame frame = frames.get();
            if (frame != null && !closed.get()) {
                sink.accept(frame);
            }
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1) {
                LOG.warn("{}: a frame failed; skipping it and any later failing frames", Thread.currentThread().getName(), e);
            } else {
                LOG.debug("{}: frame failed ({} so far)", Thread.currentThread().getName(), failures, e);
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.shutdownNow();
        // A sink may close its capture from inside accept(); waiting for our own thread would only time out.
        if (Thread.currentThread() != captureThread) {
            try {
                if (!executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.warn("capture thread did not stop within {} ms", CLOSE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.run();
    }
}
