package io.mandate.query.event;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an event meant for someone's access, in one word an investigator filters on; derived from the
 * event type when the event is indexed (field {@code outcome} of {@code mandate-events}).
 * <ul>
 *   <li>{@code issued}: a token left the token endpoint ({@code TokenExchanged}, {@code ClientTokenIssued});</li>
 *   <li>{@code refused}: the token endpoint said no ({@code TokenExchangeRefused});</li>
 *   <li>{@code revoked}: access was taken away on purpose ({@code GrantRevoked}, {@code TokenRevoked},
 *       {@code ClientRevoked}, {@code UserRevoked});</li>
 *   <li>{@code lifecycle}: everything else: grants created or expired, clients registered, suspended,
 *       reinstated, deleted or given credentials, signing keys.</li>
 * </ul>
 */
public enum EventOutcome {
    ISSUED(List.of("TokenExchanged", "ClientTokenIssued")),
    REFUSED(List.of("TokenExchangeRefused")),
    REVOKED(EventQueries.REVOCATION_TYPES),
    LIFECYCLE(List.of());

    private final List<String> types;

    EventOutcome(List<String> types) {
        this.types = types;
    }

    /** The outcome of an event type; an unknown or future type is {@code lifecycle} until listed here. */
    public static EventOutcome of(String eventType) {
        return Arrays.stream(values()).filter(outcome -> outcome.types.contains(eventType)).findFirst()
                .orElse(LIFECYCLE);
    }

    /** The event types of this outcome; empty for {@code lifecycle}, which is every other type. */
    public List<String> types() {
        return types;
    }

    /** Parses the lower-case name an API caller sends. */
    public static Optional<EventOutcome> parse(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.value().equals(value.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
