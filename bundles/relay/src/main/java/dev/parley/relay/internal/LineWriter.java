package dev.parley.relay.internal;

import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns what the relay writes to a member into lines for a line-based client: a TEXT frame (already encoded in the
 * Parley layout, shared with the other receivers) becomes {@code number name: text}, JOINED and LEFT become
 * {@code * number name joined} and {@code * number name left}, a String is written as it is. Everything else is
 * dropped: a line-based client has no use for it.
 */
@Sharable
final class LineWriter extends MessageToMessageEncoder<Object> {
    static final LineWriter INSTANCE = new LineWriter();

    private LineWriter() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        String line = null;
        if (msg instanceof String s) line = s;
        else if (msg instanceof ByteBuf encoded) line = textLine(ctx, encoded);
        else if (msg instanceof Frame f) line = controlLine(f);
        // An encoder must produce something: what a line-based client has no use for becomes nothing at all.
        out.add(line == null ? Unpooled.EMPTY_BUFFER
                : ByteBufUtil.encodeString(ctx.alloc(), CharBuffer.wrap(line + "\n"), StandardCharsets.UTF_8));
    }

    /** A frame in the wire layout ({@link Wire}): only TEXT is shown. */
    private static String textLine(ChannelHandlerContext ctx, ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.getUnsignedByte(start + Wire.TYPE_OFFSET) != MessageType.TEXT.code()) return null;
        int codecLength = frame.getUnsignedByte(start + Wire.CODEC_LENGTH_OFFSET);
        int sender = frame.getInt(start + Wire.SENDER_OFFSET);
        int length = frame.getInt(start + Wire.PAYLOAD_LENGTH_OFFSET);
        String text = frame.toString(start + Wire.HEADER_LENGTH + codecLength, length, StandardCharsets.UTF_8);
        // One message, one line: a line-based client cannot tell a message's own line breaks from the next message.
        return sender + " " + nameOf(ctx, sender) + ": " + text.replace('\n', ' ').replace('\r', ' ');
    }

    private static String controlLine(Frame f) {
        return switch (f.type()) {
            case JOINED -> "* " + f.sender() + " " + Messages.Joined.from(f).name() + " joined";
            case LEFT -> {
                Messages.Left left = Messages.Left.from(f);
                yield "* " + f.sender() + " " + left.name() + " left (" + left.reason().text() + ")";
            }
            default -> null;
        };
    }

    private static String nameOf(ChannelHandlerContext ctx, int sender) {
        PlainTextConnection connection = ctx.pipeline().get(PlainTextConnection.class);
        Member m = connection == null ? null : connection.find(sender);
        return m == null ? "#" + sender : m.name;
    }
}
