package dev.parley.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback that records every byte it passes, both ways: what someone on the network between the
 * participants and the relay would see, and what the relay itself receives and sends.
 */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final List<Socket> sockets = new ArrayList<>();

    RecordingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() { return server.getLocalPort(); }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket relay = new Socket(InetAddress.getLoopbackAddress(), target);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(relay);
                }
                pump(client.getInputStream(), relay.getOutputStream());
                pump(relay.getInputStream(), client.getOutputStream());
            }
        } catch (IOException closed) {
            // The proxy was closed.
        }
    }

    private void pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (recorded) {
                        recorded.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away.
            }
            try {
                out.close();
            } catch (IOException e) {
                // Already closed.
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Every byte passed so far, both directions interleaved by arrival. */
    byte[] recorded() {
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) s.close();
        }
    }
}
