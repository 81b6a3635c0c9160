package io.mandate.issuer.projection;

import com.nimbusds.jose.jwk.JWK;
import io.mandate.messages.key.SigningKeyActivated;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.key.SigningKeyEvent;
import io.mandate.messages.key.SigningKeyRetired;

import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Every signing key any issuer instance announced, so that each instance publishes all of them
 * and a token verifies wherever it is presented. Idempotent like the other views.
 */
final class KeyDirectory {

    private final VersionedViews<String, PublishedKey> keys = new VersionedViews<>(PublishedKey::sequence);

    IssuerProjection.Outcome apply(SigningKeyEvent event, long sequence) {
        return keys.apply(event.keyId(), sequence, current -> next(current, event, sequence));
    }

    PublishedKey get(String keyId) {
        return keys.get(keyId);
    }

    List<PublishedKey> publishedAt(Instant now) {
        return keys.values().stream().filter(key -> key.isPublishedAt(now)).toList();
    }

    int size() {
        return keys.size();
    }

    private static PublishedKey next(PublishedKey current, SigningKeyEvent event, long sequence) {
        if (event instanceof SigningKeyCreated created) {
            return new PublishedKey(created.keyId(), created.algorithm(), parsePublic(created.publicJwk()),
                    created.issuerInstance(), created.createdAt(), null, null, null, sequence);
        }
        PublishedKey base = current != null ? current
                : new PublishedKey(event.keyId(), null, null, null, null, null, null, null, -1);
        if (event instanceof SigningKeyActivated activated) {
            return new PublishedKey(base.keyId(), base.algorithm(), base.publicJwk(), base.issuerInstance(),
                    base.createdAt(), activated.activatedAt(), base.retiredAt(), base.publishUntil(), sequence);
        }
        SigningKeyRetired retired = (SigningKeyRetired) event;
        return new PublishedKey(base.keyId(), base.algorithm(), base.publicJwk(), base.issuerInstance(),
                base.createdAt(), base.activatedAt(), retired.retiredAt(), retired.publishUntil(), sequence);
    }

    private static JWK parsePublic(String json) {
        try {
            JWK jwk = JWK.parse(json);
            return jwk.isPrivate() ? null : jwk;
        } catch (ParseException e) {
            return null;
        }
    }

    Collection<PublishedKey> all() {
        return keys.values();
    }
}
