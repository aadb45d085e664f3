package dev.parley.security;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client decides to trust a relay's self-signed certificate, as SSH does with host keys: the fingerprint given
 * with {@code --trust} if there is one; else the one remembered for this relay ({@link KnownRelays}); else, the first
 * time, the one presented, which is then remembered and shown so the user can compare it with what the relay printed
 * at start. A changed certificate is refused with a message that says what to do.
 */
public final class TrustOnFirstUse extends X509ExtendedTrustManager {
    private final String hostPort;
    private final KnownRelays known;
    private final String pinned;
    private final Consumer<String> notices;

    /**
     * @param hostPort the relay as the user named it, {@code HOST:PORT}
     * @param pinned   a fingerprint the user gave ({@code --trust}), or empty
     * @param notices  told, in one line, when a relay is trusted for the first time
     */
    public TrustOnFirstUse(String hostPort, KnownRelays known, String pinned, Consumer<String> notices) {
        this.hostPort = hostPort;
        this.known = known;
        this.pinned = pinned == null || pinned.isBlank() ? "" : Fingerprint.normalize(pinned);
        this.notices = notices;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) throw new UntrustedRelayException("the relay at " + hostPort + " sent no certificate");
        chain[0].checkValidity();
        String presented = Fingerprint.of(chain[0]);
        String remembered = known.fingerprint(hostPort);
        if (!pinned.isEmpty()) {
            if (!pinned.equals(presented)) {
                throw new UntrustedRelayException("the relay at " + hostPort + " presented certificate " + presented
                        + ", not the one given with --trust (" + pinned + "); refusing to connect");
            }
            if (!presented.equals(remembered)) remember(presented);
            return;
        }
        if (remembered == null) {
            remember(presented);
            notices.accept("Trusting the relay at " + hostPort + " on first use; its certificate fingerprint is "
                    + presented + " (compare it with the one the relay printed when it started)");
            return;
        }
        if (!remembered.equals(presented)) {
            throw new UntrustedRelayException("the relay at " + hostPort + " presented a different certificate ("
                    + presented + ") from the one trusted before (" + remembered + "). Someone may be in the middle;"
                    + " if the relay was reinstalled, delete its line from " + (known.file() == null ? "the known relays"
                    : known.file()) + " or start with --trust " + presented);
        }
    }

    private void remember(String fingerprint) throws CertificateException {
        try {
            known.remember(hostPort, fingerprint);
        } catch (IOException e) {
            throw new CertificateException("cannot remember the relay's certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a Parley client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** The relay's certificate is not the one trusted: a user's decision is needed, retrying will not help. */
    public static final class UntrustedRelayException extends CertificateException {
        private static final long serialVersionUID = 1L;

        public UntrustedRelayException(String message) {
            super(message);
        }
    }
}
