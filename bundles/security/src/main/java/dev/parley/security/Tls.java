package dev.parley.security;

import io.netty.buffer.ByteBuf;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/** TLS 1.3 contexts for Parley's connections, on the JDK's own TLS through Netty's {@link SslHandler}. */
public final class Tls {
    public static final String PROTOCOL = "TLSv1.3";

    private Tls() {
    }

    /** What a relay, a listening peer or the web view presents. */
    public static SslContext server(RelayCertificate certificate) throws IOException {
        try {
            return SslContextBuilder.forServer(certificate.certificate().toFile(), certificate.privateKey().toFile())
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOL).build();
        } catch (SSLException e) {
            throw new IOException("cannot use the certificate in " + certificate.certificate().getParent() + ": " + e.getMessage(), e);
        }
    }

    /** What a client (or a connecting peer) uses: the trust decision is {@code trust}'s, usually {@link TrustOnFirstUse}. */
    public static SslContext client(TrustManager trust) {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOL).trustManager(trust).build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK cannot make a TLS 1.3 client: " + e.getMessage(), e);
        }
    }

    /** Whether the first bytes of a connection (5 at least) open a TLS record rather than, say, a Parley frame. */
    public static boolean startsTls(ByteBuf firstBytes) {
        return SslHandler.isEncrypted(firstBytes, false);
    }
}
