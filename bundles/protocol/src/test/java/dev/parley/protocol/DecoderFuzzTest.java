package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated byte streams (fixed seeds, so every run checks the same inputs) to the decoder, in random
 * chunks: it may only ever produce frames or report a {@link ProtocolViolation}, and must release every buffer. Each
 * frame it produces is also given to its payload reader, which may only accept it or throw
 * {@link MalformedFrameException}.
 */
class DecoderFuzzTest {
    private static final int INPUTS_PER_SEED = 5_000;
    private static final int MAX_PAYLOAD = 4_096;

    private static final Map<MessageType, Function<Frame, ?>> READERS = Map.of(
            MessageType.HELLO, Messages.Hello::from,
            MessageType.WELCOME, Messages.Welcome::from,
            MessageType.ERROR, Messages.Error::from,
            MessageType.JOINED, Messages.Joined::from,
            MessageType.LEFT, Messages.Left::from,
            MessageType.RECEIVED, Messages.Received::from,
            MessageType.PING, Messages.Ping::from,
            MessageType.PONG, Messages.Pong::from,
            MessageType.BYE, Messages.Bye::from,
            MessageType.KEYFRAME_REQUEST, Messages.KeyframeRequest::from);

    private static final List<byte[]> SEEDS = WireExamples.ALL.stream().map(WireExamples.Example::bytes).toList();

    private int framesSeen;
    private int violationsSeen;
    private int payloadsAccepted;

    @Test
    void randomBytesOnlyEverYieldFramesOrProtocolViolations() {
        Random random = new Random(0x5052_0001L);
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            byte[] input = new byte[random.nextInt(200)];
            random.nextBytes(input);
            if (input.length >= 3 && random.nextBoolean()) {
                // Mostly valid magic and version, so the input gets past the first check.
                input[0] = 0x50;
                input[1] = 0x52;
                input[2] = 1;
            }
            feed(input, random);
        }
        assertTrue(violationsSeen > INPUTS_PER_SEED / 2, "random input is mostly refused");
    }

    @Test
    void mutatedValidStreamsOnlyEverYieldFramesOrProtocolViolations() {
        Random random = new Random(0x5052_0002L);
        for (int i = 0; i < 3 * INPUTS_PER_SEED; i++) {
            feed(mutate(validStream(random), random), random);
        }
        assertTrue(framesSeen > 1_000, "mutations leave many frames intact: " + framesSeen);
        assertTrue(violationsSeen > 1_000, "and break many others: " + violationsSeen);
        assertTrue(payloadsAccepted > 100, "some mutated payloads are still valid: " + payloadsAccepted);
    }

    private static byte[] validStream(Random random) {
        int n = 1 + random.nextInt(4);
        byte[][] parts = new byte[n][];
        for (int i = 0; i < n; i++) parts[i] = SEEDS.get(random.nextInt(SEEDS.size()));
        return TestWire.concat(parts);
    }

    private static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(8)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));                    // flip a bit
                case 1 -> b[at] = (byte) random.nextInt(256);                          // replace a byte
                case 2 -> b[at] = (byte) new int[] {0, 1, 0x20, 0x7f, 0x80, 0xff}[random.nextInt(6)];
                case 3 -> b = Arrays.copyOf(b, at);                                    // truncate
                case 4 -> {                                                            // insert garbage
                    byte[] junk = new byte[1 + random.nextInt(8)];
                    random.nextBytes(junk);
                    b = TestWire.concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
                }
                case 5 -> b = TestWire.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + random.nextInt(8)), b.length));
                case 6 -> {                                                            // rewrite a header length field
                    if (b.length >= Wire.HEADER_LENGTH) {
                        int[] fields = {5, 24, 25, 26, 27};
                        b[fields[random.nextInt(fields.length)]] = (byte) random.nextInt(256);
                    }
                }
                default -> {                                                           // poke a payload length prefix
                    if (b.length > Wire.HEADER_LENGTH + 2) b[Wire.HEADER_LENGTH + random.nextInt(Math.min(4, b.length - Wire.HEADER_LENGTH))] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    private void feed(byte[] input, Random random) {
        EmbeddedChannel channel = new EmbeddedChannel(new ParleyFrameDecoder(MAX_PAYLOAD));
        List<ByteBuf> fed = new ArrayList<>();
        boolean failed = false;
        for (int at = 0; at < input.length; ) {
            int n = Math.min(input.length - at, 1 + random.nextInt(64));
            ByteBuf chunk = Unpooled.wrappedBuffer(Arrays.copyOfRange(input, at, at + n));
            at += n;
            fed.add(chunk);
            try {
                channel.writeInbound(chunk);
            } catch (Throwable t) {
                assertFalse(failed, "after one violation the decoder stays silent");
                failed = true;
                checkViolation(t, input);
            }
            drain(channel, input);
        }
        assertFalse(channel.finish(), () -> "left over: " + Arrays.toString(input));
        drain(channel, input);
        if (failed) violationsSeen++;
        for (ByteBuf b : fed) {
            assertEquals(0, b.refCnt(), () -> "leaked input buffer for " + Arrays.toString(input));
        }
    }

    private void drain(EmbeddedChannel channel, byte[] input) {
        for (Object o; (o = channel.readInbound()) != null; ) {
            if (!(o instanceof Frame frame)) {
                fail("decoder produced " + o.getClass() + " for " + Arrays.toString(input));
                return;
            }
            framesSeen++;
            try {
                Function<Frame, ?> reader = READERS.get(frame.type());
                if (reader != null) {
                    reader.apply(frame);
                    payloadsAccepted++;
                }
            } catch (MalformedFrameException expected) {
                // A well-framed but invalid payload: the relay answers ERROR.
            } catch (RuntimeException e) {
                fail("payload reader threw " + e + " for " + Arrays.toString(input), e);
            } finally {
                frame.release();
            }
        }
    }

    private static void checkViolation(Throwable t, byte[] input) {
        Throwable cause = t;
        if (!(cause instanceof ProtocolViolation) && cause instanceof DecoderException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof FrameTooLongException) && !(cause instanceof MalformedFrameException)) {
            fail("decoder threw " + t + " for " + Arrays.toString(input), t);
        }
    }
}
