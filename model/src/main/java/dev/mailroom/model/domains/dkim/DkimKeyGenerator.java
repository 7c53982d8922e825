package dev.mailroom.model.domains.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes DKIM key pairs with the JDK's own {@link KeyPairGenerator}, and their dated selectors
 * ({@code mr202611}, then {@code mr202611b}, … when a month already has one; Ed25519 keys end in
 * {@code e}: {@code mr202611e}).
 */
public final class DkimKeyGenerator {
    public static final int DEFAULT_RSA_BITS = 2048;
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
    private static final int ED25519_SPKI_PREFIX = 12;

    private final Clock clock;
    private final SecureRandom random;

    public DkimKeyGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public DkimKeyPair generate(DkimAlgorithm algorithm, Collection<String> selectorsInUse) {
        return generate(algorithm, DEFAULT_RSA_BITS, selectorsInUse);
    }

    public DkimKeyPair generate(DkimAlgorithm algorithm, int rsaBits, Collection<String> selectorsInUse) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String selector = selector(today, algorithm, selectorsInUse);
        try {
            if (algorithm == DkimAlgorithm.RSA) {
                if (rsaBits < 1024 || rsaBits > 4096) {
                    throw new IllegalArgumentException("RSA DKIM keys are 1024 to 4096 bits; 2048 is the default");
                }
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), random);
                KeyPair kp = g.generateKeyPair();
                String p = Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
                int bits = ((RSAPublicKey) kp.getPublic()).getModulus().bitLength();
                return new DkimKeyPair(
                        selector, algorithm, bits, p, kp.getPrivate().getEncoded(), today);
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, random);
            KeyPair kp = g.generateKeyPair();
            byte[] spki = kp.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length);
            return new DkimKeyPair(
                    selector,
                    algorithm,
                    256,
                    Base64.getEncoder().encodeToString(raw),
                    kp.getPrivate().getEncoded(),
                    today);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make " + algorithm.label() + " keys", e);
        }
    }

    /** The first free dated selector for the month: mr202611, mr202611b, mr202611c, … (Ed25519: …e, …eb). */
    public static String selector(LocalDate day, DkimAlgorithm algorithm, Collection<String> inUse) {
        Set<String> used = inUse.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        String base = String.format(Locale.ROOT, "mr%04d%02d", day.getYear(), day.getMonthValue())
                + (algorithm == DkimAlgorithm.ED25519 ? "e" : "");
        if (!used.contains(base)) {
            return base;
        }
        for (char c = 'b'; c <= 'z'; c++) {
            if (!used.contains(base + c)) {
                return base + c;
            }
        }
        throw new IllegalStateException("no free selector left for " + base);
    }
}
