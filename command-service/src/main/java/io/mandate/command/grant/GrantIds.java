package io.mandate.command.grant;

import io.mandate.command.web.IdempotencyKey;
import io.mandate.messages.id.GrantId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Grant identifiers: random for a plain request; derived from (principal, Idempotency-Key) for a
 * request that carries the key, so a retry addresses the grant its first attempt created and the
 * aggregate, not a lookup table, decides whether it is the same request.
 */
final class GrantIds {

    /** Separates the parts, so ("ab", "c") and ("a", "bc") never derive the same id. */
    private static final String NAMESPACE = "mandate/grant/idempotency-key\u0000";

    private GrantIds() {
    }

    static GrantId forRequest(String principal, IdempotencyKey key) {
        if (key == null) {
            return GrantId.random();
        }
        byte[] name = (NAMESPACE + principal + '\u0000' + key.value()).getBytes(StandardCharsets.UTF_8);
        return GrantId.of("grt_" + UUID.nameUUIDFromBytes(name));
    }
}
