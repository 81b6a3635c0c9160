package io.mandate.command.revocation;

import io.mandate.messages.revocation.RevocationEvent;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Idempotency-Keys under which one revocation aggregate wrote its events, rebuilt from the
 * events' metadata. The events themselves carry no key (it is a detail of the HTTP exchange, not
 * of the revocation), so the key travels as Axon metadata {@value #METADATA_KEY} and stays in the
 * event store only. Keys are scoped per caller: the same key from two principals is two requests.
 */
final class RequestKeys {

    static final String METADATA_KEY = "idempotencyKey";

    private final Map<String, RevocationEvent> written = new HashMap<>();

    /** The metadata to apply an event with, so the key survives in the event store. */
    static MetaData asMetaData(String idempotencyKey) {
        return idempotencyKey == null ? MetaData.emptyInstance() : MetaData.with(METADATA_KEY, idempotencyKey);
    }

    void remember(String idempotencyKey, RevocationEvent event) {
        if (idempotencyKey != null) {
            written.put(scoped(event.revokedBy(), idempotencyKey), event);
        }
    }

    /**
     * @return the revocation this caller already wrote with this key, if any
     * @throws IdempotencyConflictException when that revocation gave another reason
     */
    Optional<RevocationEvent> replayOf(String idempotencyKey, String requestedBy, String reason) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        RevocationEvent earlier = written.get(scoped(requestedBy, idempotencyKey));
        if (earlier != null && !earlier.reason().equals(reason)) {
            throw new IdempotencyConflictException();
        }
        return Optional.ofNullable(earlier);
    }

    private static String scoped(String principal, String idempotencyKey) {
        return principal + '\u0000' + idempotencyKey;
    }
}
