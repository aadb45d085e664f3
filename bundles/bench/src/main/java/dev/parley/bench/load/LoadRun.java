package dev.parley.bench.load;

import dev.parley.protocol.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import dev.parley.security.KnownRelays;
import dev.parley.security.Tls;
import dev.parley.security.TrustOnFirstUse;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load run: connects the participants, lets them send for the warm-up, opens a measuring window on every
 * participant at once, closes it, lets the frames in flight arrive, and sums up. Prints {@code MEASURE_START} and
 * {@code MEASURE_END} on {@code events} at the window's edges, so the process that hosts the relay can measure its
 * own CPU over the same window, and one progress line a second on {@code progress}.
 */
final class LoadRun {
    /** After the window closes, frames of it still in flight get at least this long to arrive... */
    private static final int DRAIN_MILLIS = 1000;
    /** ...and then until none has arrived for this long... */
    private static final int QUIET_MILLIS = 500;
    /** ...but no longer than this: a relay that holds frames longer has lost them. */
    private static final int MAX_DRAIN_MILLIS = 15_000;

    final LoadPlan plan;
    final AtomicIntegerArray windowStart;
    final AtomicIntegerArray windowEnd;
    volatile boolean measuring;
    /** VIDEO frames of the measuring window that arrived, at any receiver: the drain waits for them to stop coming. */
    final AtomicLong windowArrivals = new AtomicLong();
    private final int threads;
    private final List<LoadParticipant> participants = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    LoadRun(LoadPlan plan, int threads) {
        this.plan = plan;
        this.threads = threads;
        this.windowStart = new AtomicIntegerArray(plan.clients());
        this.windowEnd = new AtomicIntegerArray(plan.clients());
        for (int i = 0; i < plan.clients(); i++) {
            windowStart.set(i, -1);
            windowEnd.set(i, -1);
        }
    }

    /**
     * Lets the window's frames still in flight arrive: a relay on a busy machine may hold some for more than a second
     * (newest-wins bounds what it holds, not when it gets to write it), and a frame counted before it arrives would
     * count as lost.
     */
    private void drain() throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(DRAIN_MILLIS);
        long seen = windowArrivals.get();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - start < MAX_DRAIN_MILLIS * 1_000_000L
                && System.nanoTime() - quietSince < QUIET_MILLIS * 1_000_000L) {
            Thread.sleep(50);
            long now = windowArrivals.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    LoadResult run(PrintStream events, PrintStream progress) throws Exception {
        NettyTransport transport = NettyTransport.best();
        EventLoopGroup group = transport.newGroup(threads, new DefaultThreadFactory("parley-load", true));
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(1024, 16 * 1024, 256 * 1024))
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024));
            SslContext tls = plan.tls() ? Tls.client(new TrustOnFirstUse(plan.host() + ":" + plan.port(),
                    new KnownRelays(null), plan.trust(), progress::println)) : null;
            for (int i = 0; i < plan.clients(); i++) {
                LoadParticipant p = new LoadParticipant(i, plan.role(i), plan, this);
                participants.add(p);
                channels.add(bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc(), plan.host(), plan.port()));
                        ch.pipeline().addLast(p);
                    }
                }).connect(plan.host(), plan.port()).sync().channel());
                p.welcomed.get(10, TimeUnit.SECONDS);
            }
            progress.printf("[bench] %d participants joined (%d slow at %d fps, %d stalled); %d-byte video at %d fps%s, %s%n",
                    plan.clients(), plan.slow(), plan.slowFps(), plan.stalled(), plan.frameBytes(), plan.fps(),
                    plan.audio() ? ", audio every 20 ms" : "", plan.tls() ? "TLS 1.3" : "plaintext");
            long spread = 1_000_000_000L / plan.fps() / plan.clients();
            for (int i = 0; i < participants.size(); i++) {
                LoadParticipant p = participants.get(i);
                long offset = spread * i;
                onLoop(i, () -> p.startSending(offset));
            }
            tick(progress, "warm-up", plan.warmupSeconds());

            for (int i = 0; i < participants.size(); i++) onLoop(i, participants.get(i)::beginWindow);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            measuring = true;
            events.println("MEASURE_START");
            events.flush();
            tick(progress, "measuring", plan.seconds());
            measuring = false;
            for (int i = 0; i < participants.size(); i++) onLoop(i, participants.get(i)::endWindow);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuStart) / 1e9 / seconds;
            events.println("MEASURE_END");
            events.flush();

            drain();
            List<ReceiverTally> tallies = new ArrayList<>();
            for (int i = 0; i < participants.size(); i++) {
                LoadParticipant p = participants.get(i);
                tallies.add(channels.get(i).eventLoop().submit(p::takeTally).get(10, TimeUnit.SECONDS));
            }
            LoadResult result = LoadResult.of(plan, participants, tallies, seconds, cpu);
            for (int i = 0; i < participants.size(); i++) {
                LoadParticipant p = participants.get(i);
                channels.get(i).eventLoop().execute(p::leave);
            }
            for (Channel c : channels) c.closeFuture().await(3, TimeUnit.SECONDS);
            return result;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private void onLoop(int i, Runnable task) throws InterruptedException, ExecutionException, TimeoutException {
        channels.get(i).eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    }

    private void tick(PrintStream progress, String phase, int seconds) throws InterruptedException {
        long cpu = processCpuNanos();
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(1000);
            long now = processCpuNanos();
            int lost = 0;
            for (LoadParticipant p : participants) if (p.lost) lost++;
            progress.printf("[bench] %d clients  %s %d/%d s  bench CPU %.0f %%  disconnected %d%n", plan.clients(), phase,
                    s, seconds, (now - cpu) / 1e7, lost);
            cpu = now;
        }
    }

    /** CPU time of this whole process, all threads, in nanoseconds (-1 where the OS does not say). */
    static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }
}
