package io.mandate.issuer.exchange;

import io.mandate.issuer.ids.RandomIds;
import io.mandate.issuer.client.AuthenticatedClient;
import io.mandate.issuer.keys.SigningKey;
import io.mandate.issuer.keys.SigningKeys;
import io.mandate.issuer.ledger.AssertionUse;
import io.mandate.issuer.ledger.LedgerEntry;
import io.mandate.issuer.ledger.LedgerOutcome;
import io.mandate.issuer.ledger.LedgerUnavailableException;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.token.OAuth2Error;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.AuthorizationCodeRedeemed;
import io.mandate.messages.token.ClientTokenIssued;
import io.mandate.issuer.projection.GrantView;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Issues tokens: decides by the rules from the projection, signs, and records the event in the
 * ledger before answering. The ledger re-checks the decision against the event store under the
 * revocation fence (a revocation that committed since the projection last heard is caught
 * there), and refuses a client assertion already used. Every refusal is recorded too.
 */
public class TokenService {

    /** How long a request waits for its batch to commit before answering 503. */
    static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(10);
    /** How long a code redemption waits for this instance's projection to learn of the consented grant. */
    static final Duration GRANT_WAIT = Duration.ofSeconds(3);

    private final ExchangeRules rules;
    private final SubjectTokens subjects;
    private final TokenMinter minter;
    private final SigningKeys keys;
    private final TokenLedger ledger;
    private final IssuerProjection projection;
    private final TokenProperties properties;
    private final String issuer;
    private final Clock clock;

    public TokenService(ExchangeRules rules, SubjectTokens subjects, TokenMinter minter, SigningKeys keys,
                        TokenLedger ledger, IssuerProjection projection, TokenProperties properties, String issuer,
                        Clock clock) {
        this.rules = rules;
        this.subjects = subjects;
        this.minter = minter;
        this.keys = keys;
        this.ledger = ledger;
        this.projection = projection;
        this.properties = properties;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The inputs of an RFC 8693 request, syntax checked by the endpoint. */
    public record ExchangeRequest(String subjectToken, String subjectTokenType, String actorToken,
                                  String actorTokenType, Optional<Scopes> scope, Optional<String> target) {
    }

    public TokenResponse exchange(ExchangeRequest request, AuthenticatedClient client, RefusalContext context) {
        Instant now = now();
        SigningKey key = signingKey();
        SubjectTokens.Subject subject = subjects.verifySubject(request.subjectToken(), request.subjectTokenType());
        if (request.actorToken() != null) {
            MandateToken actor = subjects.verifyMandate(request.actorToken(), "actor_token");
            if (actor.isDelegated() || !actor.holder().equals(client.client().clientId())) {
                throw OAuth2ErrorException.refused(OAuth2Error.invalidRequest(
                        "actor_token must be this client's own token"), "actor_token_mismatch");
            }
        }
        ExchangeRules.Request asked = new ExchangeRules.Request(request.scope(), request.target());
        TokenPlan plan;
        if (subject instanceof SubjectTokens.Subject.Mandate mandate) {
            MandateToken token = mandate.token();
            context.subjectTokenId(token.jti().value());
            plan = token.fromAuthorizationCode() && token.holder().equals(client.client().clientId())
                    ? rules.ownAuthorizationCodeToken(token, client.client(), asked, now, context)
                    : rules.nextHop(token, client.client(), asked, now, context);
        } else {
            ExternalSubject external = ((SubjectTokens.Subject.External) subject).subject();
            context.subjectTokenId(external.tokenId());
            plan = rules.firstHop(external, client.client(), asked, now, context);
        }
        String token = minter.delegated(plan, key);
        record(new LedgerEntry(plan.event(key.keyId()), plan.authorityCheck(), assertion(client)));
        return new TokenResponse(token, TokenTypes.ACCESS_TOKEN, "Bearer", seconds(now, plan.expiresAt()),
                plan.scopes().toString());
    }

    /**
     * RFC 6749 §4.1.3: the token for a redeemed authorization code, the first of the grant the user
     * consented to. Recorded as {@link AuthorizationCodeRedeemed} (checked against the store under
     * the revocation fence like every token) before it leaves.
     */
    public TokenResponse authorizationCode(AuthorizationCodeIssuance code, AuthenticatedClient client,
                                           RefusalContext context) {
        Instant now = now();
        SigningKey key = signingKey();
        context.grantId(code.grantId());
        GrantView grant = awaitGrant(code.grantId()).orElseThrow(() -> OAuth2ErrorException.refused(
                OAuth2Error.invalidGrant("The grant of this authorization code is unknown"), "grant_unknown"));
        TokenPlan plan = rules.authorizationCode(grant, client.client(), code.resource(), code.scopes(), code.jti(),
                code.codeId(), now, context);
        String token = minter.authorizationCode(plan, key);
        record(new LedgerEntry(new AuthorizationCodeRedeemed(plan.jti(), code.codeId(), grant.grantId(),
                grant.userId(), plan.holder(), plan.audience(), plan.scopes(), plan.mayAct(), key.keyId(),
                plan.issuedAt(), plan.expiresAt()), plan.authorityCheck(), assertion(client)));
        return new TokenResponse(token, null, "Bearer", seconds(now, plan.expiresAt()), plan.scopes().toString());
    }

    /**
     * The grant from the projection; the consent page waited until this instance saw it, but the
     * code may be redeemed at another instance whose projection is a moment behind.
     */
    private Optional<GrantView> awaitGrant(io.mandate.messages.id.GrantId grantId) {
        long deadline = System.nanoTime() + GRANT_WAIT.toNanos();
        Optional<GrantView> grant = projection.findGrant(grantId);
        while (grant.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            grant = projection.findGrant(grantId);
        }
        return grant;
    }

    /**
     * RFC 6749 §4.4 for the client's own identity: {@code sub} is the client, no user, no chain.
     * Scopes must be asked for explicitly (a client never gets a user's scopes by default) and lie
     * within its allowed scopes; without an audience the token is for Mandate itself (an
     * {@code actor_token}).
     */
    public TokenResponse clientCredentials(Optional<Scopes> scope, Optional<String> target, AuthenticatedClient client,
                                           RefusalContext context) {
        Instant now = now();
        SigningKey key = signingKey();
        if (!client.client().isActive()) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidGrant("The client is suspended"), "client_suspended");
        }
        Scopes scopes = scope.orElse(Scopes.of());
        if (!scopes.isWithin(client.client().allowedScopes())) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidScope("The requested scope exceeds the client's"),
                    "scope_exceeds_client");
        }
        String audience = target.map(value -> new Targets(projection).resolve(value).orElseThrow(() ->
                OAuth2ErrorException.refused(OAuth2Error.invalidTarget("The audience or resource is not registered"),
                        "unknown_target")).audience()).orElse(issuer);
        Jti jti = Jti.of(RandomIds.uuid());
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        String token = minter.clientToken(jti, client.client().clientId(), audience, scopes, now, expiresAt, key);
        record(new LedgerEntry(new ClientTokenIssued(jti, client.client().clientId(), audience, scopes, key.keyId(), now,
                expiresAt), null, assertion(client)));
        return new TokenResponse(token, null, "Bearer", seconds(now, expiresAt), scopes.isEmpty() ? null
                : scopes.toString());
    }

    /** Records a refusal before its error response leaves; a store failure turns it into a 503. */
    public void recordRefusal(RefusalContext context, OAuth2ErrorException refusal) {
        append(new LedgerEntry(context.refusal(refusal.error().code(), refusal.reason(), clock.instant()), null, null));
    }

    private void record(LedgerEntry entry) {
        LedgerOutcome outcome = append(entry);
        if (outcome instanceof LedgerOutcome.Refused refused) {
            throw OAuth2ErrorException.refused(OAuth2Error.invalidGrant(
                    "The delegation was revoked while the token was being issued"),
                    "revoked_" + refused.grain().name().toLowerCase(Locale.ROOT));
        }
        if (outcome instanceof LedgerOutcome.AssertionReplayed) {
            throw OAuth2ErrorException.invalidClient("client_assertion was already used", "client_assertion_replayed");
        }
    }

    private LedgerOutcome append(LedgerEntry entry) {
        try {
            return ledger.append(entry).get(LEDGER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (java.util.concurrent.ExecutionException | TimeoutException | CompletionException
                 | LedgerUnavailableException e) {
            throw unavailable();
        }
    }

    private SigningKey signingKey() {
        return keys.active().orElseThrow(TokenService::unavailable);
    }

    private static AssertionUse assertion(AuthenticatedClient client) {
        return client.assertionJti() == null ? null
                : new AssertionUse(client.client().clientId().value(), client.assertionJti(), client.assertionExpiresAt());
    }

    /** Whole seconds, as JWT {@code iat}/{@code exp} carry them: the ledger and later checks see the same instant. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }

    static OAuth2ErrorException unavailable() {
        return new OAuth2ErrorException(OAuth2Error.temporarilyUnavailable(
                "The token ledger is unavailable; retry shortly"), HttpStatus.SERVICE_UNAVAILABLE, "ledger_unavailable");
    }
}
