package dev.parley.relay.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConnectionGate} for a web port connection from its TCP connect: before it upgrades (asking for the
 * page, or idle in a browser's keep-alive) it counts against the limit per address and the limit of connections
 * not yet joined, as a TCP connection that has not sent HELLO does. At the upgrade it {@link #handOver hands over}
 * to the {@link RelayConnection}, which is admitted again as the member's connection; a connection refused here is
 * closed before a byte of it is read.
 */
final class WebGate extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WebGate.class);

    private final RoomDirectory server;
    private final RelaySettings settings;
    /** Set while this connection holds a place at the gate. */
    private InetAddress admitted;

    WebGate(RoomDirectory server, RelaySettings settings) {
        this.server = server;
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        String refused = server.gate().admit(address, settings);
        if (refused != null) {
            LOG.warn("Refusing web connection from {}: {}", ctx.channel().remoteAddress(), refused);
            ctx.close();
            return;
        }
        admitted = address;
        ctx.fireChannelActive();
    }

    /** The connection upgraded to a WebSocket: its place goes back, for the relay's connection to take. */
    void handOver() {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        if (admitted == null) return;
        server.gate().closed(admitted, false);
        admitted = null;
    }
}
