package io.jenkins.plugins.remotejobs.local.transport;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-run secret shared by the controller and its agents. Generated fresh for every run of the
 * local host, handed to each agent on its standard input (never on a command line or in the
 * environment), proved on every connection and carried on every call. Comparisons take constant
 * time. {@link #toString()} never shows it.
 */
public final class AgentSecret {

    private static final int LENGTH = 32;
    private static final int MIN_LENGTH = 16;
    private static final String MAC = "HmacSHA256";

    private final byte[] bytes;

    private AgentSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new random secret of 32 bytes. */
    public static AgentSecret generate() {
        byte[] b = new byte[LENGTH];
        new SecureRandom().nextBytes(b);
        return new AgentSecret(b);
    }

    /**
     * Reads a secret written by {@link #encoded()}.
     *
     * @throws IllegalArgumentException if the text is not hex or encodes fewer than 16 bytes; the
     *     message never repeats the text
     */
    public static AgentSecret fromEncoded(String encoded) {
        byte[] b;
        try {
            b = HexFormat.of().parseHex(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret is not hexadecimal text");
        }
        if (b.length < MIN_LENGTH) {
            throw new IllegalArgumentException("the secret is shorter than " + MIN_LENGTH + " bytes");
        }
        return new AgentSecret(b);
    }

    /** The secret as hexadecimal text: write it only to an agent's standard input. */
    public String encoded() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code candidate} is this secret, in time that does not depend on where they differ. */
    boolean matches(byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(bytes, candidate);
    }

    /** A copy, for the per-call parameter. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** HMAC-SHA256 keyed with this secret over the parts in order; proves knowledge without revealing it. */
    byte[] mac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(bytes, MAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + MAC, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentSecret other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "AgentSecret[****]";
    }
}
