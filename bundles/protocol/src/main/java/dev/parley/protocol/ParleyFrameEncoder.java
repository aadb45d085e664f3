package dev.parley.protocol;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Writes {@link Frame}s; ready-made {@code ByteBuf}s (shared fan-out encodings) pass by untouched. */
@Sharable
public final class ParleyFrameEncoder extends MessageToMessageEncoder<Frame> {
    public static final ParleyFrameEncoder INSTANCE = new ParleyFrameEncoder();

    private ParleyFrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(FrameCodec.encode(frame, ctx.alloc()));
    }
}
