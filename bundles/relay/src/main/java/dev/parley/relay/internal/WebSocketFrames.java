package dev.parley.relay.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MalformedFrameException;
import dev.parley.protocol.ParleyFrameDecoder;
import dev.parley.protocol.ParleyFrameEncoder;
import dev.parley.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The WebSocket binding (docs/PROTOCOL.md, "WebSocket binding"): each binary message in is exactly one Parley frame,
 * handed on as bytes to the same {@link ParleyFrameDecoder} the TCP port uses, and each encoded frame out becomes one
 * binary message. Once the upgrade is done it adds the decoder, the encoder and a {@link RelayConnection}, so a
 * browser is a member like any other.
 */
final class WebSocketFrames extends ChannelDuplexHandler {
    /** What a message may hold beyond a frame's payload: the header and the longest codec id. */
    static final int FRAME_OVERHEAD = Wire.HEADER_LENGTH + Wire.MAX_CODEC_LENGTH;
    /** The largest message before WELCOME: a HELLO-sized frame, as the TCP port's decoder allows. */
    static final int BEFORE_HANDSHAKE_MESSAGE = FRAME_OVERHEAD + Wire.MAX_HELLO_BYTES;

    private final RoomDirectory server;
    private final RelaySettings settings;
    private final WebSocketDecoderConfig decoderConfig;
    private boolean failed;

    WebSocketFrames(RoomDirectory server, RelaySettings settings, WebSocketDecoderConfig decoderConfig) {
        this.server = server;
        this.settings = settings;
        this.decoderConfig = decoderConfig;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ChannelPipeline p = ctx.pipeline();
            if (p.get(IdleStateHandler.class) != null) p.remove(IdleStateHandler.class);
            WebGate gate = p.get(WebGate.class);
            if (gate != null) gate.handOver();
            p.addLast("decoder", new ParleyFrameDecoder(settings.maxPayload(), true))
                    .addLast("encoder", ParleyFrameEncoder.INSTANCE)
                    .addLast("relay", new RelayConnection(server, settings));
            // The relay's connection starts now, not at the TCP connect: the gate, the HELLO timer and the ERRORs it
            // may write are the WebSocket's. Fired from the encoder's place, so the relay is the next to hear it.
            p.context("encoder").fireChannelActive();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed || !(msg instanceof WebSocketFrame)) {
            if (failed) {
                ReferenceCountUtil.release(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        if (frame instanceof TextWebSocketFrame) {
            frame.release();
            failed = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                    "Parley frames travel in binary WebSocket messages, never text")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(frame instanceof BinaryWebSocketFrame)) {
            ctx.fireChannelRead(frame);
            return;
        }
        ByteBuf content = frame.content();
        int length = content.readableBytes();
        long declared = length >= Wire.HEADER_LENGTH
                ? Wire.HEADER_LENGTH + content.getUnsignedByte(content.readerIndex() + Wire.CODEC_LENGTH_OFFSET)
                        + content.getUnsignedInt(content.readerIndex() + Wire.PAYLOAD_LENGTH_OFFSET)
                : -1;
        if (declared == length) {
            ctx.fireChannelRead(content.retain());
            frame.release();
            return;
        }
        // Not exactly one frame. The decoder still sees the header first, so a bad magic, version or length gets its
        // own error code, but never a whole frame: nothing of a message refused here is forwarded to the room.
        int prefix = length < Wire.HEADER_LENGTH ? length : declared > Wire.HEADER_LENGTH ? Wire.HEADER_LENGTH : 0;
        if (prefix > 0) ctx.fireChannelRead(content.retainedSlice(content.readerIndex(), prefix));
        frame.release();
        failed = true;
        ctx.fireExceptionCaught(new MalformedFrameException(ErrorCode.MALFORMED, length < Wire.HEADER_LENGTH
                ? "a WebSocket message of " + length + " bytes is shorter than a frame header"
                : "a WebSocket message must hold exactly one frame: " + length + " bytes, the frame in it says " + declared));
    }

    /** Every encoded frame goes out as one binary message. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf buf ? new BinaryWebSocketFrame(buf) : msg, promise);
    }

    /**
     * The member has joined: from now on a message may be as long as the relay's largest frame. Until then the
     * WebSocket decoder and aggregator took only HELLO-sized messages, so a connection that never joins makes the
     * relay hold a few KB at most, as on the TCP port. Runs inside the decoder's own read: {@code replace} hands
     * what it still holds to the new one.
     */
    void joined(ChannelPipeline p) {
        int largest = FRAME_OVERHEAD + settings.maxPayload();
        p.replace("wsdecoder", "wsdecoder",
                new WebSocket13FrameDecoder(decoderConfig.toBuilder().maxFramePayloadLength(largest).build()));
        p.replace(WebSocketFrameAggregator.class, "websocket-aggregator", new WebSocketFrameAggregator(largest));
    }
}
