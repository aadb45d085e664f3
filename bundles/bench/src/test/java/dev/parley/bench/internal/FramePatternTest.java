package dev.parley.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class FramePatternTest {
    @Test
    void aFrameChecksAsItsSendersWithItsSequence() {
        assertEquals(42, FramePattern.check(Unpooled.wrappedBuffer(FramePattern.make(3, 42, 40_000)), 3));
    }

    @Test
    void aFrameAttributedToAnotherSenderFailsTheCheck() {
        assertEquals(-1, FramePattern.check(Unpooled.wrappedBuffer(FramePattern.make(3, 42, 40_000)), 4));
    }

    @Test
    void twoFramesInterleavedFailTheCheck() {
        byte[] a = FramePattern.make(1, 7, 40_000);
        byte[] b = FramePattern.make(2, 7, 40_000);
        System.arraycopy(b, 20_000, a, 20_000, 8_192); // another frame's bytes spliced into the middle
        assertEquals(-1, FramePattern.check(Unpooled.wrappedBuffer(a), 1));
    }

    @Test
    void aCutFrameFailsTheCheck() {
        byte[] a = FramePattern.make(1, 7, 40_000);
        assertEquals(-1, FramePattern.check(Unpooled.wrappedBuffer(a, 0, 30_000), 1));
    }
}
