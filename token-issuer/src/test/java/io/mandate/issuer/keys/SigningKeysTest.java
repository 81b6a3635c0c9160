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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class SigningKeysTest {

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
        SigningKeys keys = new SigningKeys(provider);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(keys.currentKeyId()).build(),
                new JWTClaimsSet.Builder().subject("alice").issuer("http://127.0.0.1:8082").build());

        jwt.sign(keys.signer());
        SignedJWT received = SignedJWT.parse(jwt.serialize());

        assertThat(received.verify(keys.verifier())).isTrue();
        // A resource server with plain JDK crypto and only the JWKS must accept it too.
        ECKey published = (ECKey) keys.publicJwkSet().getKeyByKeyId(received.getHeader().getKeyID());
        assertThat(received.verify(new ECDSAVerifier(published))).isTrue();
        assertThat(received.getJWTClaimsSet().getSubject()).isEqualTo("alice");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verifyWhenPayloadTamperedThenInvalid(CryptoProvider provider) throws Exception {
        SigningKeys keys = new SigningKeys(provider);
        SignedJWT jwt = new SignedJWT(new JWSHeader(SigningKeys.ALGORITHM),
                new JWTClaimsSet.Builder().subject("alice").build());
        jwt.sign(keys.signer());
        String[] parts = jwt.serialize().split("\\.");
        String forgedPayload = Base64URL.encode("{\"sub\":\"mallory\"}").toString();

        JWSObject forged = JWSObject.parse(parts[0] + "." + forgedPayload + "." + parts[2]);

        assertThat(forged.verify(keys.verifier())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void signerWhenBuiltThenUsesTheSelectedProvider(CryptoProvider provider) {
        SigningKeys keys = new SigningKeys(provider);

        assertThat(keys.signer().getJCAContext().getProvider()).isSameAs(provider.jca());
        assertThat(keys.verifier().getJCAContext().getProvider()).isSameAs(provider.jca());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void keyWhenGeneratedThenP256WithThumbprintKidAndPublicOnlyJwks(CryptoProvider provider) throws Exception {
        SigningKeys keys = new SigningKeys(provider);

        JWK published = keys.publicJwkSet().getKeys().get(0);

        assertThat(keys.publicJwkSet().getKeys()).hasSize(1);
        assertThat(published.isPrivate()).isFalse();
        assertThat(published.toJSONObject()).doesNotContainKey("d");
        assertThat(((ECKey) published).getCurve()).isEqualTo(Curve.P_256);
        assertThat(published.getKeyID()).isEqualTo(published.computeThumbprint("SHA-256").toString());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void generateWhenTwoInstancesThenDifferentKeys(CryptoProvider provider) {
        assertThat(new SigningKeys(provider).currentKeyId()).isNotEqualTo(new SigningKeys(provider).currentKeyId());
    }

    @Test
    void providersWhenAwsLcAvailableThenBothPathsAreExercised() {
        // Guards the parameterised tests above: on this platform they really cover two providers.
        assumeThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).isNull();
        assertThat(providers().map(CryptoProvider::accelerated)).containsExactly(true, false);
    }
}
