package dev.parley.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal blocking Parley client over a plain socket, decoding with the same {@link ParleyFrameDecoder} the relay
 * uses. For load generators, integration tests and as a readable reference of the client side of the protocol. Not
 * thread-safe: one reader thread, and writes from one thread at a time.
 */
public final class BlockingWireClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel decoder;
    private final byte[] readBuffer = new byte[64 * 1024];

    private BlockingWireClient(Socket socket, int maxPayload) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.decoder = new EmbeddedChannel(new ParleyFrameDecoder(maxPayload));
    }

    /** Connects in plaintext with TCP_NODELAY and the given read timeout (0: wait forever). */
    public static BlockingWireClient connect(String host, int port, int readTimeoutMillis) throws IOException {
        return connect(host, port, readTimeoutMillis, null);
    }

    /**
     * Connects with TCP_NODELAY and the given read timeout (0: wait forever), over TLS made by {@code tls} (whose
     * trust decides which certificates are accepted), or in plaintext when {@code tls} is null. The TLS handshake
     * completes before this returns.
     */
    public static BlockingWireClient connect(String host, int port, int readTimeoutMillis, SSLSocketFactory tls)
            throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5000);
        s.setSoTimeout(readTimeoutMillis);
        if (tls != null) {
            SSLSocket secure = (SSLSocket) tls.createSocket(s, host, port, true);
            secure.setEnabledProtocols(new String[] {"TLSv1.3"});
            secure.startHandshake();
            s = secure;
        }
        return new BlockingWireClient(s, Wire.DEFAULT_MAX_PAYLOAD * 2);
    }

    /** Speaks the protocol over an already connected socket (the accepting side of a test, for instance). */
    public static BlockingWireClient over(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return new BlockingWireClient(socket, Wire.DEFAULT_MAX_PAYLOAD * 2);
    }

    /** Sends HELLO and returns the WELCOME; an ERROR answer is thrown as {@link RefusedException}. */
    public Messages.Welcome join(String name, String room) throws IOException {
        send(new Messages.Hello(Messages.Role.CLIENT, name, room, "").toFrame());
        Frame f = read();
        try {
            if (f.type() == MessageType.ERROR) throw new RefusedException(Messages.Error.from(f));
            if (f.type() != MessageType.WELCOME) throw new IOException("expected WELCOME, got " + f.type());
            return Messages.Welcome.from(f);
        } finally {
            f.release();
        }
    }

    /** Writes a frame and releases it. */
    public void send(Frame frame) throws IOException {
        try {
            out.write(FrameCodec.toBytes(frame));
            out.flush();
        } finally {
            frame.release();
        }
    }

    /** Writes raw bytes, for tests of bad input. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads the next frame; the caller releases it.
     *
     * @throws EOFException when the other side closed the connection
     * @throws java.net.SocketTimeoutException when nothing arrived within the read timeout
     */
    public Frame read() throws IOException {
        while (true) {
            Frame next = decoder.readInbound();
            if (next != null) return next;
            int n = in.read(readBuffer);
            if (n < 0) throw new EOFException("connection closed");
            try {
                decoder.writeInbound(Unpooled.copiedBuffer(readBuffer, 0, n));
            } catch (DecoderException e) {
                throw new IOException("bad frame from the other side: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    public Socket socket() { return socket; }

    @Override
    public void close() throws IOException {
        decoder.finishAndReleaseAll();
        socket.close();
    }

    /** The other side answered with ERROR. */
    public static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Messages.Error error;

        RefusedException(Messages.Error error) {
            super(error.code() + ": " + error.message());
            this.error = error;
        }

        public Messages.Error error() { return error; }
    }
}
