package io.mandate.issuer.exchange;

import io.mandate.issuer.ids.RandomIds;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.token.TokenExchangeRefused;

import java.time.Instant;

/**
 * What is known about a token request as it is decided, so that a refusal at any step records
 * as much as was learnt (who asked, for which user and grant, what was asked). One per request,
 * on one thread. Request values are truncated and stripped of control characters.
 */
public final class RefusalContext {

    static final int MAX_VALUE_LENGTH = 256;
    /** Compiled once: {@code String.replaceAll} compiled it on every refusal context (3 % of a token request's CPU). */
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private final String grantType;
    private final String requestedScope;
    private final String requestedAudience;
    private ClientId clientId;
    private boolean authenticated;
    private String subjectTokenId;
    private GrantId grantId;
    private UserId userId;

    public RefusalContext(String grantType, String requestedScope, String requestedAudience) {
        this.grantType = clean(grantType);
        this.requestedScope = clean(requestedScope);
        this.requestedAudience = clean(requestedAudience);
    }

    public void claimedClient(String claimed) {
        if (claimed != null && clientId == null) {
            try {
                clientId = ClientId.of(clean(claimed));
            } catch (IllegalArgumentException e) {
                clientId = null;  // not even a well-formed id: recorded as unknown
            }
        }
    }

    public void authenticatedClient(ClientId client) {
        this.clientId = client;
        this.authenticated = true;
    }

    public void subjectTokenId(String id) {
        this.subjectTokenId = clean(id);
    }

    public void grantId(GrantId grant) {
        this.grantId = grant;
    }

    public void userId(UserId user) {
        this.userId = user;
    }

    public TokenExchangeRefused refusal(String error, String reason, Instant at) {
        return new TokenExchangeRefused(RandomIds.uuid(), grantType, clientId, authenticated, error,
                reason, subjectTokenId, grantId, userId, requestedScope, requestedAudience, at);
    }

    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String printable = CONTROL.matcher(value).replaceAll("?");
        return printable.length() > MAX_VALUE_LENGTH ? printable.substring(0, MAX_VALUE_LENGTH) : printable;
    }
}
