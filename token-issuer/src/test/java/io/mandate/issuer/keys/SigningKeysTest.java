package io.mandate.issuer.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mandate.issuer.crypto.CryptoProvider;
import io.mandate.issuer.crypto.CryptoProviderSelector;
import io.mandate.issuer.projection.IssuerProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class SigningKeysTest {

    private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-28T12:00:00Z");

    /** The provider chosen on this machine, and the JDK fallback chosen when the fast one cannot load. */
    static Stream<CryptoProvider> providers() {
        return Stream.of(
                CryptoProviderSelector.select(),
                CryptoProviderSelector.select(() -> {
                    throw new UnsatisfiedLinkError("simulated: native library unavailable");
                }));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void signWhenJwtVerifiedWithThePublishedKeyThenValid(CryptoProvider provider) throws Exception {
        SigningKeys keys = new SigningKeys(provider, new IssuerProjection());
        SigningKey key = keys.generate();
        keys.activate(key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKey.ALGORITHM).keyID(key.keyId()).build(),
                new JWTClaimsSet.Builder().subject("alice").issuer("http://127.0.0.1:8082").build());

        jwt.sign(keys.active().orElseThrow().signer());
        SignedJWT received = SignedJWT.parse(jwt.serialize());

        assertThat(received.verify(keys.verifier(received.getHeader().getKeyID(), NOW).orElseThrow())).isTrue();
        // A resource server with plain JDK crypto and only the JWKS must accept it too.
        ECKey published = (ECKey) keys.publicJwkSet(NOW).getKeyByKeyId(received.getHeader().getKeyID());
        assertThat(received.verify(new ECDSAVerifier(published))).isTrue();
        assertThat(received.getJWTClaimsSet().getSubject()).isEqualTo("alice");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verifyWhenPayloadTamperedThenInvalid(CryptoProvider provider) throws Exception {
        SigningKey key = SigningKey.generate(provider);
        SignedJWT jwt = new SignedJWT(new JWSHeader(SigningKey.ALGORITHM),
                new JWTClaimsSet.Builder().subject("alice").build());
        jwt.sign(key.signer());
        String[] parts = jwt.serialize().split("\\.");
        String forgedPayload = Base64URL.encode("{\"sub\":\"mallory\"}").toString();

        JWSObject forged = JWSObject.parse(parts[0] + "." + forgedPayload + "." + parts[2]);

        assertThat(forged.verify(key.verifier())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void signerWhenBuiltThenUsesTheSelectedProvider(CryptoProvider provider) {
        SigningKey key = SigningKey.generate(provider);

        assertThat(((com.nimbusds.jose.crypto.ECDSASigner) key.signer()).getJCAContext().getProvider())
                .isSameAs(provider.jca());
        assertThat(((com.nimbusds.jose.crypto.ECDSAVerifier) key.verifier()).getJCAContext().getProvider())
                .isSameAs(provider.jca());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void keyWhenGeneratedThenP256WithThumbprintKidAndPublicOnlyJwks(CryptoProvider provider) throws Exception {
        SigningKeys keys = new SigningKeys(provider, new IssuerProjection());
        keys.activate(keys.generate());

        JWK published = keys.publicJwkSet(NOW).getKeys().get(0);

        assertThat(keys.publicJwkSet(NOW).getKeys()).hasSize(1);
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.toJSONObject()).doesNotContainKey("d");
        assertThat(((ECKey) published).getCurve()).isEqualTo(Curve.P_256);
        assertThat(published.getKeyID()).isEqualTo(published.computeThumbprint("SHA-256").toString());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void generateWhenTwoInstancesThenDifferentKeys(CryptoProvider provider) {
        assertThat(SigningKey.generate(provider).keyId()).isNotEqualTo(SigningKey.generate(provider).keyId());
    }

    @Test
    void retireWhenPublicationEndsThenKeyLeavesTheJwksAndNoLongerVerifies() {
        SigningKeys keys = new SigningKeys(CryptoProvider.jdk(), new IssuerProjection());
        SigningKey old = keys.generate();
        keys.activate(old);
        SigningKey next = keys.generate();
        keys.activate(next);
        keys.retire(old.keyId(), NOW.plusSeconds(330));

        assertThat(keys.active()).contains(next);
        assertThat(keys.publicJwkSet(NOW).getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrder(old.keyId(),
                next.keyId());
        assertThat(keys.verifier(old.keyId(), NOW)).isPresent();
        assertThat(keys.publicJwkSet(NOW.plusSeconds(330)).getKeys()).extracting(JWK::getKeyID)
                .containsExactly(next.keyId());
        assertThat(keys.verifier(old.keyId(), NOW.plusSeconds(330))).isEmpty();
        assertThat(keys.verifier("unknown-kid", NOW)).isEmpty();
    }

    @Test
    void announcedWhenAnotherInstanceCreatedAKeyThenPublishedAndVerifiedHere() throws Exception {
        IssuerProjection projection = new IssuerProjection();
        SigningKey theirs = SigningKey.generate(CryptoProvider.jdk());
        projection.apply(io.mandate.messages.wire.EventEnvelope.wrap("e1", 0, NOW,
                new io.mandate.messages.key.SigningKeyCreated(theirs.keyId(), "ES256", theirs.publicJwk().toJSONString(),
                        "issuer-b", NOW)));
        SigningKeys keys = new SigningKeys(CryptoProvider.jdk(), projection);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKey.ALGORITHM).keyID(theirs.keyId()).build(),
                new JWTClaimsSet.Builder().subject("alice").build());
        jwt.sign(theirs.signer());

        assertThat(keys.publicJwkSet(NOW).getKeys()).extracting(JWK::getKeyID).containsExactly(theirs.keyId());
        assertThat(jwt.verify(keys.verifier(theirs.keyId(), NOW).orElseThrow())).isTrue();
    }

    @Test
    void providersWhenAwsLcAvailableThenBothPathsAreExercised() {
        // Guards the parameterised tests above: on this platform they really cover two providers.
        assumeThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).isNull();
        assertThat(providers().map(CryptoProvider::accelerated)).containsExactly(true, false);
    }
}
