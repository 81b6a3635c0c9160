package io.mandate.issuer.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for jtis, event ids and refusal ids, from one {@link SecureRandom} per
 * thread. {@link UUID#randomUUID()} draws from a single JVM-wide SecureRandom whose lock the token
 * endpoint's threads queued on: the benchmark's JFR profile showed most blocked time there
 * (docs/benchmarks.md, "Token exchange"). Same strength, no shared lock.
 */
public final class RandomIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private RandomIds() {
    }

    public static String uuid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);  // version 4 (RFC 9562 §5.4)
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);  // variant 10
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least).toString();
    }
}
