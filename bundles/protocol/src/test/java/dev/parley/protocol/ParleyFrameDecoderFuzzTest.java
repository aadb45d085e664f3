package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the frame decoder with Jazzer. Under {@code mvn test} it replays the inputs in
 * {@code ParleyFrameDecoderFuzzTestInputs} (the protocol examples, and any crash found later); with
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=ParleyFrameDecoderFuzzTest} it searches for new ones.
 */
class ParleyFrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decoderYieldsOnlyFramesOrProtocolViolations(FuzzedDataProvider data) {
        EmbeddedChannel channel = new EmbeddedChannel(new ParleyFrameDecoder(1 << 16));
        List<ByteBuf> fed = new ArrayList<>();
        try {
            while (data.remainingBytes() > 0) {
                byte[] chunk = data.consumeBytes(1 + data.consumeInt(0, 64));
                if (chunk.length == 0) break; // an empty wrapped buffer is Netty's shared EMPTY_BUFFER, never released
                ByteBuf buf = Unpooled.wrappedBuffer(chunk);
                fed.add(buf);
                try {
                    channel.writeInbound(buf);
                } catch (DecoderException e) {
                    // Our violations are DecoderExceptions themselves; anything else must not escape.
                    if (!(e instanceof ProtocolViolation) && !(e.getCause() instanceof ProtocolViolation)) throw e;
                }
                Object msg;
                while ((msg = channel.readInbound()) != null) {
                    Frame f = (Frame) msg;
                    try {
                        readPayload(f);
                    } finally {
                        f.release();
                    }
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        for (ByteBuf b : fed) assertEquals(0, b.refCnt(), "the decoder kept a buffer");
    }

    /** Payload readers may accept a frame or refuse it as malformed, nothing else. */
    private static void readPayload(Frame f) {
        try {
            switch (f.type()) {
                case HELLO -> Messages.Hello.from(f);
                case WELCOME -> Messages.Welcome.from(f);
                case ERROR -> Messages.Error.from(f);
                case JOINED -> Messages.Joined.from(f);
                case LEFT -> Messages.Left.from(f);
                case RECEIVED -> Messages.Received.from(f);
                case PING -> Messages.Ping.from(f);
                case PONG -> Messages.Pong.from(f);
                case BYE -> Messages.Bye.from(f);
                case KEYFRAME_REQUEST -> Messages.KeyframeRequest.from(f);
                default -> { }
            }
        } catch (MalformedFrameException expected) {
            // a refused payload is a correct answer
        }
    }
}
