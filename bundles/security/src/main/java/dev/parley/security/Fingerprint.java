package dev.parley.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate's SHA-256 fingerprint as people compare it: 32 bytes in lower-case hex, pairs separated by colons
 * ({@code 3f:2a:...}). Input is accepted with or without colons, in either case, and with a {@code SHA256:} prefix.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /**
     * The canonical form of a fingerprint a user typed.
     *
     * @throws IllegalArgumentException if it is not 32 bytes of hex
     */
    public static String normalize(String typed) {
        String s = typed.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("sha256:")) s = s.substring(7);
        s = s.replace(":", "").replace(" ", "");
        if (!s.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a fingerprint is 64 hex digits (SHA-256), colons allowed: '" + typed + "'");
        }
        return HexFormat.ofDelimiter(":").formatHex(HexFormat.of().parseHex(s));
    }
}
