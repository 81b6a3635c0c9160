package io.mandate.issuer.exchange;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.token.TokenProperties;
import io.mandate.messages.id.UserId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies user tokens from the configured trusted issuers, one Nimbus processor each: the
 * issuer's own algorithm allow-list, its JWKS (fetched with time and size limits, cached, and
 * refetched on an unknown kid), {@code typ} JWT or at+jwt, exact {@code iss}, an accepted
 * {@code aud}, required {@code sub}/{@code exp}, and the configured clock skew.
 */
public class ExternalIssuers {

    /** The outcome of verifying one token against its issuer; {@code reason} names the failed check. */
    public sealed interface Result {
        record Verified(ExternalSubject subject) implements Result {
        }

        record Rejected(String reason) implements Result {
        }
    }

    private static final int JWKS_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;

    private final Map<String, Processor> processors;
    private final Clock clock;
    private final java.time.Duration skew;

    private record Processor(TrustedIssuersProperties.TrustedIssuer config, DefaultJWTProcessor<SecurityContext> jwt) {
    }

    public ExternalIssuers(TrustedIssuersProperties properties, TokenProperties tokens, CryptoProvider provider,
                           Clock clock) {
        this.processors = properties.trustedIssuers().stream().collect(Collectors.toUnmodifiableMap(
                TrustedIssuersProperties.TrustedIssuer::issuer, config -> new Processor(config, processor(config, tokens,
                        provider, clock))));
        this.clock = clock;
        this.skew = tokens.clockSkew();
    }

    public boolean trusts(String issuer) {
        return issuer != null && processors.containsKey(issuer);
    }

    public Set<String> issuers() {
        return processors.keySet();
    }

    public Result verify(SignedJWT jwt, String serialized) {
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return new Result.Rejected("subject_token_malformed");
        }
        Processor processor = issuer == null ? null : processors.get(issuer);
        if (processor == null) {
            return new Result.Rejected("subject_token_issuer_untrusted");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.jwt().process(jwt, null);
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            return new Result.Rejected(e.getMessage() != null && e.getMessage().contains("xpired")
                    ? "subject_token_expired" : "subject_token_invalid");
        } catch (com.nimbusds.jose.JOSEException e) {
            return new Result.Rejected("subject_token_invalid");
        }
        java.util.Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && issuedAt.toInstant().isAfter(clock.instant().plus(skew))) {
            return new Result.Rejected("subject_token_not_yet_valid");  // Nimbus checks nbf, not iat
        }
        Object user = claims.getClaim(processor.config().userClaim());
        if (!(user instanceof String userId)) {
            return new Result.Rejected("subject_token_claims");
        }
        try {
            String tokenId = claims.getJWTID() != null ? claims.getJWTID() : "sha256:" + sha256(serialized);
            return new Result.Verified(new ExternalSubject(issuer, UserId.of(userId), tokenId,
                    claims.getExpirationTime().toInstant()));
        } catch (IllegalArgumentException e) {
            return new Result.Rejected("subject_token_claims");
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(TrustedIssuersProperties.TrustedIssuer config,
                                                                 TokenProperties tokens, CryptoProvider provider,
                                                                 Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        Set<JWSAlgorithm> algorithms = config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source(config)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new HashSet<>(config.audiences()),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
                Set.of("exp", config.userClaim()), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());  // the issuer's clock, so tests and checks agree
            }
        };
        claims.setMaxClockSkew((int) tokens.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        if (provider.jca() != null) {
            processor.getJWSVerifierFactory().getJCAContext().setProvider(provider.jca());
        }
        return processor;
    }

    private static JWKSource<SecurityContext> source(TrustedIssuersProperties.TrustedIssuer config) {
        if (config.jwksFile() != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(Files.readString(config.jwksFile(), StandardCharsets.UTF_8))
                        .toPublicJWKSet());
            } catch (IOException | ParseException e) {
                throw new IllegalStateException("cannot read the JWK set of trusted issuer " + config.issuer(), e);
            }
        }
        try {
            return JWKSourceBuilder.create(config.jwksUri().toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                    .retrying(true)
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("malformed jwks-uri of trusted issuer " + config.issuer(), e);
        }
    }

    private static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<TrustedIssuersProperties.TrustedIssuer> config(String issuer) {
        return Optional.ofNullable(processors.get(issuer)).map(Processor::config);
    }
}
