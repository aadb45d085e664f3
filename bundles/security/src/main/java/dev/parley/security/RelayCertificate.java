package dev.parley.security;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate an endpoint (a relay, a listening peer, the web view) presents: made on first start
 * (EC P-256, valid ten years) and kept as two PEM files in a folder of the distribution's configuration, so its
 * fingerprint stays the same from start to start and clients that trusted it once keep trusting it.
 *
 * @param certificate the PEM certificate file
 * @param privateKey  the PEM (PKCS#8) private key file, readable by its owner only where the file system allows
 * @param fingerprint the certificate's SHA-256 {@link Fingerprint}
 */
public record RelayCertificate(Path certificate, Path privateKey, String fingerprint) {

    /**
     * The certificate {@code name.crt} and key {@code name.key} in {@code dir}, made if they do not exist yet.
     *
     * @param commonName the certificate's subject, for people who inspect it (the fingerprint is what is trusted)
     */
    public static RelayCertificate loadOrCreate(Path dir, String name, String commonName) throws IOException {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        try {
            if (!Files.isRegularFile(crt) || !Files.isRegularFile(key)) create(dir, crt, key, commonName);
            return new RelayCertificate(crt, key, Fingerprint.of(read(crt)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make or read the certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path dir, Path crt, Path key, String commonName)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        Path keyTmp = Files.createTempFile(dir, "key", ".tmp");
        restrict(keyTmp);
        try (Writer w = Files.newBufferedWriter(keyTmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
        }
        Path crtTmp = Files.createTempFile(dir, "crt", ".tmp");
        try (Writer w = Files.newBufferedWriter(crtTmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(certificate);
        }
        Files.move(keyTmp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(crtTmp, crt, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    static X509Certificate read(Path crt) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(crt)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
