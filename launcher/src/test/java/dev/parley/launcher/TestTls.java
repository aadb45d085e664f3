package dev.parley.launcher;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.security.KnownRelays;
import dev.parley.security.TrustOnFirstUse;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** The tests' own TLS clients: they trust whatever relay or peer they are pointed at, on first use, in memory. */
final class TestTls {
    private TestTls() {
    }

    static SSLSocketFactory trustOnFirstUse(String hostPort) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new TrustOnFirstUse(hostPort, new KnownRelays(null), "", n -> { })}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A wire client to the relay (or listening peer) on this machine's {@code port}, over TLS. */
    static BlockingWireClient connect(int port, int readTimeoutMillis) throws IOException {
        return BlockingWireClient.connect("127.0.0.1", port, readTimeoutMillis, trustOnFirstUse("127.0.0.1:" + port));
    }
}
