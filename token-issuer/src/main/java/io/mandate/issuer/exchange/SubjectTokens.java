package io.mandate.issuer.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.keys.SigningKey;
import io.mandate.issuer.keys.SigningKeys;
import io.mandate.issuer.token.OAuth2Error;
import io.mandate.issuer.token.OAuth2ErrorException;
import io.mandate.issuer.token.TokenProperties;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the tokens presented to the token endpoint: Mandate's own access tokens (ES256 only,
 * {@code typ} at+jwt, a published kid, unexpired) and user tokens from trusted issuers. Every
 * failure is {@code invalid_request}, as RFC 8693 §2.2.2 requires for an invalid subject or actor
 * token, with a reason code for the refusal event; descriptions are fixed texts.
 */
public class SubjectTokens {

    /** A verified subject token. */
    public sealed interface Subject {
        record Mandate(MandateToken token) implements Subject {
        }

        record External(ExternalSubject subject) implements Subject {
        }
    }

    static final int MAX_TOKEN_LENGTH = 8192;
    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final IssuerProperties issuer;
    private final SigningKeys keys;
    private final ExternalIssuers external;
    private final TokenProperties properties;
    private final Clock clock;
    private final JOSEObjectType configuredType;
    private final VerifiedTokens verified;

    public SubjectTokens(IssuerProperties issuer, SigningKeys keys, ExternalIssuers external, TokenProperties properties,
                         Clock clock) {
        this(issuer, keys, external, properties, clock, VerifiedTokens.disabled());
    }

    SubjectTokens(IssuerProperties issuer, SigningKeys keys, ExternalIssuers external, TokenProperties properties,
                  Clock clock, VerifiedTokens verified) {
        this.verified = verified;
        this.issuer = issuer;
        this.keys = keys;
        this.external = external;
        this.properties = properties;
        this.clock = clock;
        this.configuredType = new JOSEObjectType(properties.headerType());
    }

    public Subject verifySubject(String token, String tokenType) {
        if (!Set.of(TokenTypes.ACCESS_TOKEN, TokenTypes.JWT, TokenTypes.ID_TOKEN).contains(tokenType)) {
            throw invalid("subject_token_type is not supported", "unsupported_token_type");
        }
        Subject seen = remembered(token);
        if (seen != null) {
            if (seen instanceof Subject.Mandate && TokenTypes.ID_TOKEN.equals(tokenType)) {
                throw invalid("Mandate issues access tokens, not ID tokens", "unsupported_token_type");
            }
            return seen;
        }
        ParsedJws jwt = parse(token, "subject_token");
        String tokenIssuer = jwt.claims().getIssuer();
        if (issuer.url().toString().equals(tokenIssuer)) {
            if (TokenTypes.ID_TOKEN.equals(tokenType)) {
                throw invalid("Mandate issues access tokens, not ID tokens", "unsupported_token_type");
            }
            return rememberOwn(token, jwt, verifyOwn(jwt, "subject_token"));
        }
        SignedJWT signed;
        try {
            signed = jwt.nimbus();
        } catch (ParseException e) {
            throw invalid("subject_token is not a signed JWT", "subject_token_malformed");
        }
        ExternalIssuers.Result result = external.verify(signed, token);
        if (result instanceof ExternalIssuers.Result.Verified ok) {
            Subject subject = new Subject.External(ok.subject());
            verified.remember(token, subject, null, ok.subject().expiresAt(), clock.instant());
            return subject;
        }
        throw invalid("subject_token is not acceptable", ((ExternalIssuers.Result.Rejected) result).reason());
    }

    /** A Mandate token presented as {@code actor_token}, or for introspection; same checks, other parameter name. */
    public MandateToken verifyMandate(String token, String parameter) {
        if (remembered(token) instanceof Subject.Mandate mandate) {
            return mandate.token();
        }
        ParsedJws jwt = parse(token, parameter);
        if (!issuer.url().toString().equals(jwt.claims().getIssuer())) {
            throw invalid(parameter + " was not issued by this authorization server", parameter + "_issuer_untrusted");
        }
        return rememberOwn(token, jwt, verifyOwn(jwt, parameter)).token();
    }

    /**
     * A token verified before, still unexpired and (for Mandate's own) still signed with a published
     * key; else null, and the caller verifies it in full. A miss can only cost time, never accept more.
     */
    private Subject remembered(String token) {
        Instant now = clock.instant();
        VerifiedTokens.Entry entry = verified.find(token, now,
                seen -> seen.keyId() == null || keys.verifier(seen.keyId(), now).isPresent());
        return entry == null ? null : entry.subject();
    }

    private Subject.Mandate rememberOwn(String token, ParsedJws jwt, MandateToken verifiedToken) {
        Subject.Mandate subject = new Subject.Mandate(verifiedToken);
        verified.remember(token, subject, jwt.header().getKeyID(), verifiedToken.expiresAt(), clock.instant());
        return subject;
    }

    /** For introspection (RFC 7662): the token if it verifies as ours, else empty. */
    public Optional<MandateToken> tryVerifyMandate(String token) {
        try {
            return Optional.of(verifyMandate(token, "token"));
        } catch (OAuth2ErrorException e) {
            return Optional.empty();
        }
    }

    private MandateToken verifyOwn(ParsedJws jwt, String parameter) {
        if (!SigningKey.ALGORITHM.equals(jwt.header().getAlgorithm())) {
            throw invalid(parameter + " algorithm is not accepted", parameter + "_algorithm");
        }
        // Mandate signs nothing but access tokens with these keys, so the configured compatibility
        // type (JWT) is as unambiguous as at+jwt; anything else (or no typ) is refused.
        if (!ACCESS_TOKEN_TYPE.equals(jwt.header().getType()) && !configuredType.equals(jwt.header().getType())) {
            throw invalid(parameter + " is not an access token (typ at+jwt)", parameter + "_type");
        }
        Instant now = clock.instant();
        JWSVerifier verifier = keys.verifier(jwt.header().getKeyID(), now)
                .orElseThrow(() -> invalid(parameter + " signing key is unknown", parameter + "_key_unknown"));
        try {
            if (!jwt.verify(verifier)) {
                throw invalid(parameter + " signature is invalid", parameter + "_signature");
            }
        } catch (JOSEException e) {
            throw invalid(parameter + " signature is invalid", parameter + "_signature");
        }
        JWTClaimsSet claims = jwt.claims();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            throw invalid(parameter + " is expired", parameter + "_expired");
        }
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        Instant latest = now.plus(properties.clockSkew());
        if ((iat != null && iat.toInstant().isAfter(latest)) || (nbf != null && nbf.toInstant().isAfter(latest))) {
            throw invalid(parameter + " is not valid yet", parameter + "_not_yet_valid");
        }
        try {
            return MandateClaims.read(claims);
        } catch (ParseException | IllegalArgumentException e) {
            throw invalid(parameter + " claims are inconsistent", parameter + "_claims");
        }
    }

    private static ParsedJws parse(String token, String parameter) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid(parameter + " is too large", parameter + "_too_large");
        }
        if (!CompactJws.isStrict(token)) {
            // Nimbus's base64url decoder skips characters outside the alphabet, so "sig==" or "s ig"
            // would verify as "sig": one token, many spellings. Only the canonical form is accepted.
            throw invalid(parameter + " is not a signed JWT", parameter + "_malformed");
        }
        try {
            // Parses JWS compact serialisation only: unsecured ("alg":"none") and encrypted JWTs fail here.
            return ParsedJws.parse(token);
        } catch (ParsedJws.BadHeader e) {
            throw invalid(parameter + " is not a signed JWT", parameter + "_malformed");
        } catch (ParsedJws.BadClaims e) {
            throw invalid(parameter + " claims are malformed", parameter + "_malformed");
        }
    }

    private static OAuth2ErrorException invalid(String description, String reason) {
        return OAuth2ErrorException.refused(OAuth2Error.invalidRequest(description), reason);
    }
}
