package io.mandate.query.investigation;

import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.id.UserId;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a revocation would cut: one of the four grains a responder can revoke.
 *
 * @param id the agent's client id, the user id, the grant id or the token's jti
 */
public record Target(Kind kind, String id) {

    /** The revocation grains, named as in the API ({@code agent}, {@code user}, {@code grant}, {@code token}). */
    public enum Kind {
        AGENT("clientId", ClientId::of),
        USER("userId", UserId::of),
        GRANT("grantId", GrantId::of),
        TOKEN("jti", Jti::of);

        private final String idName;
        private final Function<String, ?> parser;

        Kind(String idName, Function<String, ?> parser) {
            this.idName = idName;
            this.parser = parser;
        }

        /** The name used in paths and parameters: {@code agent}, {@code user}, {@code grant}, {@code token}. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** What the id is called: {@code clientId}, {@code userId}, {@code grantId}, {@code jti}. */
        public String idName() {
            return idName;
        }
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /**
     * A target from request input; 400 naming {@code parameter} when the id is malformed.
     *
     * @param parameter the request parameter or path variable the id came from
     */
    public static Target parse(Kind kind, String id, String parameter) {
        return new Target(kind, Ids.require(parameter, id, kind.parser));
    }
}
