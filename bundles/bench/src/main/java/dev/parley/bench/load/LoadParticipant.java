package dev.parley.bench.load;

import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One synthetic participant on a Netty channel: joins, sends numbered video (and audio) at a steady rate, reads
 * everything the relay sends it as its {@link Role} says, acknowledges video with RECEIVED after each read batch
 * (PROTOCOL.md section 8), and tallies what arrived. Everything runs on the channel's event loop.
 */
final class LoadParticipant extends ChannelInboundHandlerAdapter implements FrameScanner.Sink {
    static final String CODEC = "bench";
    private static final byte[] CODEC_BYTES = CODEC.getBytes(StandardCharsets.US_ASCII);

    final int index;
    final Role role;
    private final LoadPlan plan;
    private final LoadRun run;
    private final byte[] videoFiller;
    private final byte[] audioFiller;
    private final FrameScanner scanner;
    private final ArrayDeque<ByteBuf> unread = new ArrayDeque<>();
    private final Map<Integer, Integer> indexById = new HashMap<>();
    final CompletableFuture<Integer> welcomed = new CompletableFuture<>();
    private Channel channel;
    private ReceiverTally tally;
    private int videoSequence;
    private int audioSequence;
    private int windowStart = -1;
    private int windowEnd = -1;
    private int videoReceived;
    private int acknowledged;
    private boolean paused;
    private int budget;
    private boolean closing;
    // Read by the run once the loop has finished with them.
    long sendSkipped;
    long misattributed;
    long othersLeft;
    String error;
    boolean lost;

    LoadParticipant(int index, Role role, LoadPlan plan, LoadRun run) {
        this.index = index;
        this.role = role;
        this.plan = plan;
        this.run = run;
        this.videoFiller = BenchPayload.filler(plan.frameBytes());
        this.audioFiller = BenchPayload.filler(LoadPlan.AUDIO_FRAME_BYTES);
        this.scanner = new FrameScanner(this, Wire.DEFAULT_MAX_PAYLOAD);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        write(new Messages.Hello(Messages.Role.CLIENT, LoadNames.name(index, role), plan.room(), "").toFrame());
        channel.flush();
        if (role == Role.SLOW) {
            long period = 1_000_000_000L / Math.max(1, plan.slowFps());
            channel.eventLoop().scheduleAtFixedRate(this::slowTick, period, period, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    /** Starts sending media; called once every participant has joined. */
    void startSending(long offsetNanos) {
        long period = 1_000_000_000L / Math.max(1, plan.fps());
        channel.eventLoop().scheduleAtFixedRate(this::sendVideo, offsetNanos % period, period, TimeUnit.NANOSECONDS);
        if (plan.audio()) {
            long audioPeriod = LoadPlan.AUDIO_FRAME_MILLIS * 1_000_000L;
            channel.eventLoop().scheduleAtFixedRate(this::sendAudio, offsetNanos % audioPeriod, audioPeriod,
                    TimeUnit.NANOSECONDS);
        }
    }

    private void sendVideo() {
        if (!channel.isActive() || closing) return;
        if (!channel.isWritable()) {
            // The relay is not taking our frames as fast as the camera makes them: a real sender drops them too.
            sendSkipped++;
            return;
        }
        int sequence = videoSequence++;
        if (windowStart < 0 && run.measuring) {
            windowStart = sequence;
            run.windowStart.set(index, sequence);
        }
        channel.writeAndFlush(media(MessageType.VIDEO, Wire.FLAG_KEYFRAME, 1, sequence, videoFiller), channel.voidPromise());
    }

    private void sendAudio() {
        if (!channel.isActive() || closing || !channel.isWritable()) return;
        channel.writeAndFlush(media(MessageType.AUDIO, 0, 2, audioSequence++, audioFiller), channel.voidPromise());
    }

    private ByteBuf media(MessageType type, int flags, int stream, int sequence, byte[] filler) {
        ByteBuf b = channel.alloc().directBuffer(Wire.HEADER_LENGTH + CODEC_BYTES.length + filler.length);
        b.writeShort(Wire.MAGIC).writeByte(Wire.VERSION).writeByte(type.code()).writeByte(flags)
                .writeByte(CODEC_BYTES.length).writeShort(stream).writeInt(0).writeInt(sequence)
                .writeLong(ClockEstimator.nowMicros()).writeInt(filler.length).writeBytes(CODEC_BYTES);
        int at = b.writerIndex();
        b.writeBytes(filler);
        BenchPayload.stamp(b, at, filler.length, index, sequence);
        return b;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ((ByteBuf) msg).release();
            return;
        }
        unread.addLast((ByteBuf) msg);
        if (!paused) consume();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        acknowledge();
    }

    private void consume() {
        while (!unread.isEmpty()) {
            ByteBuf b = unread.peekFirst();
            boolean goOn;
            try {
                goOn = scanner.feed(b);
            } catch (IllegalStateException e) {
                error = "unreadable stream: " + e.getMessage();
                channel.close();
                return;
            }
            if (!b.isReadable()) unread.pollFirst().release();
            if (!goOn) {
                paused = true;
                channel.config().setAutoRead(false);
                return;
            }
        }
        paused = false;
        if (role != Role.STALLED || !welcomed.isDone()) channel.config().setAutoRead(true);
    }

    private void slowTick() {
        if (closing) return;
        budget = 1;
        if (paused) {
            paused = false;
            consume();
            acknowledge();
        }
    }

    private void acknowledge() {
        if (videoReceived == acknowledged || !channel.isActive()) return;
        acknowledged = videoReceived;
        write(new Messages.Received(videoReceived).toFrame());
        channel.flush();
    }

    @Override
    public void control(Frame frame) {
        try {
            switch (frame.type()) {
                case WELCOME -> {
                    welcomed.complete(Messages.Welcome.from(frame).participant());
                    if (role == Role.STALLED) channel.config().setAutoRead(false);
                }
                case JOINED -> {
                    String name = Messages.Joined.from(frame).name();
                    int i = LoadNames.indexOf(name);
                    if (i >= 0) indexById.put(frame.sender(), i);
                }
                case LEFT -> othersLeft++;
                case ERROR -> {
                    Messages.Error e = Messages.Error.from(frame);
                    error = e.code() + ": " + e.message();
                    welcomed.completeExceptionally(new IllegalStateException("the relay refused load-" + index + ": " + error));
                }
                case PING -> {
                    long t2 = ClockEstimator.nowMicros();
                    write(new Messages.Pong(Messages.Ping.from(frame).t1(), t2, ClockEstimator.nowMicros()).toFrame());
                    channel.flush();
                }
                default -> {
                    // TEXT, PONG, KEYFRAME_REQUEST: nothing to do for a load participant.
                }
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public boolean media(MessageType type, int sender, int stream, int sequence, long timestampMicros, int senderIndex,
                         int payloadSequence, int length, boolean intact) {
        long latency = ClockEstimator.nowMicros() - timestampMicros;
        Integer known = indexById.get(sender);
        boolean attributed = known != null && known == senderIndex;
        if (known != null && !attributed) misattributed++;
        if (type == MessageType.VIDEO) {
            videoReceived++;
            ReceiverTally t = tally;
            if (t != null) {
                if (!intact || payloadSequence != sequence || !attributed) {
                    t.corrupt++;
                } else {
                    int start = run.windowStart.get(senderIndex);
                    int end = run.windowEnd.get(senderIndex);
                    int offset = start < 0 ? -1 : sequence - start;
                    if (offset >= 0 && (end < 0 || sequence - end < 0)) {
                        t.video(senderIndex, sequence, offset, latency, length);
                        run.windowArrivals.incrementAndGet();
                    }
                }
            }
            if (role == Role.SLOW && --budget <= 0) return false;
        } else {
            ReceiverTally t = tally;
            if (t != null && run.measuring) {
                if (!intact || !attributed) t.corrupt++;
                else t.audio(latency, length);
            }
        }
        return true;
    }

    /** Opens the measuring window on this participant's loop. */
    void beginWindow() {
        tally = new ReceiverTally(plan.clients());
    }

    /** Closes this sender's window: frames from here on are not counted as sent in it. */
    void endWindow() {
        if (windowStart < 0) {
            windowStart = videoSequence;
            run.windowStart.set(index, windowStart);
        }
        windowEnd = videoSequence;
        run.windowEnd.set(index, windowEnd);
    }

    /** Video frames this participant sent in its window. */
    int sentInWindow() {
        return windowStart < 0 || windowEnd < 0 ? 0 : windowEnd - windowStart;
    }

    /** Hands over what was tallied and stops tallying. */
    ReceiverTally takeTally() {
        ReceiverTally t = tally;
        tally = null;
        return t;
    }

    private void write(Frame frame) {
        try {
            channel.write(FrameCodec.encode(frame, channel.alloc()), channel.voidPromise());
        } finally {
            frame.release();
        }
    }

    /**
     * Leaves with BYE and reads on until the relay closes the connection, so nothing is left unread in the socket
     * (closing a socket with unread bytes resets it, and the relay would see a lost connection instead of a BYE).
     */
    void leave() {
        closing = true;
        if (!channel.isActive()) return;
        write(new Messages.Bye("bench done").toFrame());
        channel.flush();
        paused = false;
        channel.config().setAutoRead(true);
        channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) lost = true;
        unread.forEach(ByteBuf::release);
        unread.clear();
        welcomed.completeExceptionally(new IllegalStateException("load-" + index + " lost its connection"
                + (error == null ? "" : " (" + error + ")")));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (error == null && !closing) error = cause.toString();
        ctx.close();
    }
}
