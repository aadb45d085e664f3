package dev.parley.protocol;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/** Picks native epoll where it loads, NIO everywhere else, for the relay, the client and peers alike. */
public final class NettyTransport {
    private final boolean epoll;

    private NettyTransport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Native epoll if its library loads here, else NIO. */
    public static NettyTransport best() {
        if (Boolean.getBoolean("parley.nio")) return new NettyTransport(false);
        try {
            return new NettyTransport(io.netty.channel.epoll.Epoll.isAvailable());
        } catch (LinkageError e) {
            // The epoll classes are an optional import: absent bundle, absent native library.
            return new NettyTransport(false);
        }
    }

    public String name() { return epoll ? "epoll" : "nio"; }

    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        IoHandlerFactory factory = epoll ? io.netty.channel.epoll.EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, factory);
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? io.netty.channel.epoll.EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? io.netty.channel.epoll.EpollSocketChannel.class : NioSocketChannel.class;
    }
}
