package dev.parley.security;

import io.netty.buffer.ByteBuf;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 contexts for Parley's connections, through Netty's {@link SslHandler}. The encryption is BoringSSL's
 * (netty-tcnative, shipped with Parley for Linux x86-64) when its native library loads: it costs the relay a
 * fraction of the CPU the JDK's TLS does (docs/BENCHMARKS.md). Elsewhere, or with the system property
 * {@value #IMPLEMENTATION_PROPERTY}{@code =jdk}, it is the JDK's own TLS; both speak the same TLS 1.3, so either
 * side may use either.
 */
public final class Tls {
    public static final String PROTOCOL = "TLSv1.3";
    /** {@code jdk} for the JDK's TLS even where BoringSSL is available; anything else, or unset, chooses. */
    public static final String IMPLEMENTATION_PROPERTY = "parley.tls";

    private static final SslProvider PROVIDER = choose(System.getProperty(IMPLEMENTATION_PROPERTY, ""));

    private Tls() {
    }

    static SslProvider choose(String wanted) {
        if (wanted.trim().toLowerCase(Locale.ROOT).equals("jdk")) return SslProvider.JDK;
        return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Which TLS this process uses, and why not BoringSSL when it is not: for the log line that starts a listener. */
    public static String implementation() {
        if (PROVIDER == SslProvider.OPENSSL) return OpenSsl.versionString();
        if (!OpenSsl.isAvailable()) {
            Throwable why = OpenSsl.unavailabilityCause();
            return "the JDK's TLS (BoringSSL did not load: " + (why == null ? "unknown" : why.getMessage()) + ")";
        }
        return SslProvider.isTlsv13Supported(SslProvider.OPENSSL) ? "the JDK's TLS (" + IMPLEMENTATION_PROPERTY + "=jdk)"
                : "the JDK's TLS (" + OpenSsl.versionString() + " has no TLS 1.3)";
    }

    /** What a relay, a listening peer or the web view presents. */
    public static SslContext server(RelayCertificate certificate) throws IOException {
        return server(certificate, PROVIDER);
    }

    static SslContext server(RelayCertificate certificate, SslProvider provider) throws IOException {
        try {
            return SslContextBuilder.forServer(certificate.certificate().toFile(), certificate.privateKey().toFile())
                    .sslProvider(provider).protocols(PROTOCOL).build();
        } catch (SSLException e) {
            throw new IOException("cannot use the certificate in " + certificate.certificate().getParent() + ": " + e.getMessage(), e);
        }
    }

    /** What a client (or a connecting peer) uses: the trust decision is {@code trust}'s, usually {@link TrustOnFirstUse}. */
    public static SslContext client(TrustManager trust) {
        return client(trust, PROVIDER);
    }

    static SslContext client(TrustManager trust, SslProvider provider) {
        try {
            return SslContextBuilder.forClient().sslProvider(provider).protocols(PROTOCOL).trustManager(trust).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot make a TLS 1.3 client: " + e.getMessage(), e);
        }
    }

    /** Whether the first bytes of a connection (5 at least) open a TLS record rather than, say, a Parley frame. */
    public static boolean startsTls(ByteBuf firstBytes) {
        return SslHandler.isEncrypted(firstBytes, false);
    }
}
