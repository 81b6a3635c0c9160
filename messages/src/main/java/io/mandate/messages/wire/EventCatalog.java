package io.mandate.messages.wire;

import io.mandate.messages.MandateEvent;
import io.mandate.messages.client.ClientCredentialsSet;
import io.mandate.messages.consent.ConsentDenied;
import io.mandate.messages.client.ClientDeleted;
import io.mandate.messages.client.ClientMetadataUpdated;
import io.mandate.messages.client.ClientRegistered;
import io.mandate.messages.client.ClientReinstated;
import io.mandate.messages.client.ClientSuspended;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantExpired;
import io.mandate.messages.grant.GrantRevoked;
import io.mandate.messages.key.SigningKeyActivated;
import io.mandate.messages.key.SigningKeyCreated;
import io.mandate.messages.key.SigningKeyRetired;
import io.mandate.messages.revocation.ClientRevoked;
import io.mandate.messages.revocation.TokenRevoked;
import io.mandate.messages.revocation.UserRevoked;
import io.mandate.messages.token.AuthorizationCodeRedeemed;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.messages.token.TokenExchangeRefused;
import io.mandate.messages.token.TokenExchanged;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type Mandate publishes. Adding an event means adding one line here (and to docs/events.md). */
public final class EventCatalog {

    public static final List<EventType> ALL = List.of(
            new EventType("ClientRegistered", ClientRegistered.class, ClientRegistered.REVISION, Topics.CLIENTS),
            new EventType("ClientMetadataUpdated", ClientMetadataUpdated.class, ClientMetadataUpdated.REVISION, Topics.CLIENTS),
            new EventType("ClientCredentialsSet", ClientCredentialsSet.class, ClientCredentialsSet.REVISION, Topics.CLIENTS),
            new EventType("ClientSuspended", ClientSuspended.class, ClientSuspended.REVISION, Topics.CLIENTS),
            new EventType("ClientReinstated", ClientReinstated.class, ClientReinstated.REVISION, Topics.CLIENTS),
            new EventType("ClientDeleted", ClientDeleted.class, ClientDeleted.REVISION, Topics.CLIENTS),
            new EventType("GrantCreated", GrantCreated.class, GrantCreated.REVISION, Topics.GRANTS),
            new EventType("GrantRevoked", GrantRevoked.class, GrantRevoked.REVISION, Topics.GRANTS),
            new EventType("GrantExpired", GrantExpired.class, GrantExpired.REVISION, Topics.GRANTS),
            new EventType("TokenRevoked", TokenRevoked.class, TokenRevoked.REVISION, Topics.REVOCATIONS),
            new EventType("ClientRevoked", ClientRevoked.class, ClientRevoked.REVISION, Topics.REVOCATIONS),
            new EventType("UserRevoked", UserRevoked.class, UserRevoked.REVISION, Topics.REVOCATIONS),
            new EventType("TokenExchanged", TokenExchanged.class, TokenExchanged.REVISION, Topics.TOKENS),
            new EventType("ClientTokenIssued", ClientTokenIssued.class, ClientTokenIssued.REVISION, Topics.TOKENS),
            new EventType("TokenExchangeRefused", TokenExchangeRefused.class, TokenExchangeRefused.REVISION, Topics.TOKENS),
            new EventType("AuthorizationCodeRedeemed", AuthorizationCodeRedeemed.class, AuthorizationCodeRedeemed.REVISION,
                    Topics.TOKENS),
            new EventType("ConsentDenied", ConsentDenied.class, ConsentDenied.REVISION, Topics.GRANTS),
            new EventType("SigningKeyCreated", SigningKeyCreated.class, SigningKeyCreated.REVISION, Topics.KEYS),
            new EventType("SigningKeyActivated", SigningKeyActivated.class, SigningKeyActivated.REVISION, Topics.KEYS),
            new EventType("SigningKeyRetired", SigningKeyRetired.class, SigningKeyRetired.REVISION, Topics.KEYS));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType> byClass(Class<?> javaType) {
        return Optional.ofNullable(BY_CLASS.get(javaType));
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType of(MandateEvent event) {
        EventType type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not in the event catalogue: " + event.getClass().getName());
        }
        return type;
    }
}
