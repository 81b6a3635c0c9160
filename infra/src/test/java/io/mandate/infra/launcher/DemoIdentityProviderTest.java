package io.mandate.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoIdentityProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path home;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void createOnceWhenCalledAgainThenTheSameKeyAndFilesStay() throws Exception {
        DemoIdentityProvider first = DemoIdentityProvider.createOnce(home);
        Path privateKey = home.resolve("demo-idp/private-key.jwk.json");
        String privateJwk = Files.readString(privateKey);
        String jwks = Files.readString(home.resolve("demo-idp/jwks.json"));

        DemoIdentityProvider second = DemoIdentityProvider.createOnce(home);

        assertThat(second.kid()).isEqualTo(first.kid());
        assertThat(Files.readString(privateKey)).isEqualTo(privateJwk);
        assertThat(Files.readString(home.resolve("demo-idp/jwks.json"))).isEqualTo(jwks);
        assertThat(DemoIdentityProvider.existing(home).kid()).isEqualTo(first.kid());
    }

    @Test
    void createOnceWhenCreatedThenOnlyTheOwnerMayReadThePrivateKey() throws Exception {
        DemoIdentityProvider.createOnce(home);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                home.resolve("demo-idp/private-key.jwk.json")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("demo-idp"))))
                .isEqualTo("rwx------");
        try (var files = Files.list(home.resolve("demo-idp"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("no staging file left behind").containsExactlyInAnyOrder("private-key.jwk.json", "jwks.json");
        }
    }

    @Test
    void createOnceWhenCreatedThenThePublicSetHasNoPrivatePart() throws Exception {
        DemoIdentityProvider idp = DemoIdentityProvider.createOnce(home);

        JsonNode keys = JSON.readTree(home.resolve("demo-idp/jwks.json").toFile()).get("keys");

        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.has("d")).isFalse();
        assertThat(key.get("kty").asText()).isEqualTo("EC");
        assertThat(key.get("crv").asText()).isEqualTo("P-256");
        assertThat(key.get("alg").asText()).isEqualTo("ES256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("kid").asText()).isEqualTo(idp.kid()).isEqualTo(rfc7638Thumbprint(key));
        assertThat(Base64.getUrlDecoder().decode(key.get("x").asText())).hasSize(32);
        assertThat(Base64.getUrlDecoder().decode(key.get("y").asText())).hasSize(32);
        assertThat(JSON.readTree(home.resolve("demo-idp/private-key.jwk.json").toFile()).has("d")).isTrue();
    }

    @Test
    void createOnceWhenThePublicSetIsMissingOrStaleThenItIsWrittenFromThePrivateKey() throws Exception {
        DemoIdentityProvider idp = DemoIdentityProvider.createOnce(home);
        Path jwks = home.resolve("demo-idp/jwks.json");
        Files.writeString(jwks, "{\"keys\":[]}");

        DemoIdentityProvider.createOnce(home);

        assertThat(JSON.readTree(jwks.toFile()).get("keys").get(0).get("kid").asText()).isEqualTo(idp.kid());
    }

    @Test
    void userTokenWhenIssuedThenAnES256JwsThatTheJwksVerifies() throws Exception {
        DemoIdentityProvider.createOnce(home);

        String token = DemoIdentityProvider.existing(home).userToken("alice", clock);

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode publicJwk = JSON.readTree(home.resolve("demo-idp/jwks.json").toFile()).get("keys").get(0);
        ECPublicKey key = EcJwk.parsePublic(publicJwk);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        assertThat(signature).as("ES256: r and s, 32 bytes each").hasSize(64);
        assertThat(verifier.verify(signature)).isTrue();

        JsonNode header = decode(parts[0]);
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("kid").asText()).isEqualTo(publicJwk.get("kid").asText());
        JsonNode claims = decode(parts[1]);
        assertThat(claims.get("iss").asText()).isEqualTo("https://idp.demo.mandate.local");
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("aud").asText()).isEqualTo("mandate");
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 600);
        assertThat(claims.get("jti").asText()).isNotBlank();
    }

    @Test
    void userTokenWhenIssuedTwiceThenEachHasItsOwnJti() throws Exception {
        DemoIdentityProvider idp = DemoIdentityProvider.createOnce(home);

        String first = idp.userToken("alice", clock);
        String second = idp.userToken("alice", clock);

        assertThat(decode(first.split("\\.")[1]).get("jti")).isNotEqualTo(decode(second.split("\\.")[1]).get("jti"));
    }

    @Test
    void userTokenWhenSignedWithAnotherKeyThenTheJwksDoesNotVerifyIt() throws Exception {
        DemoIdentityProvider.createOnce(home);
        Path other = Files.createDirectories(home.resolve("other"));
        String foreign = DemoIdentityProvider.createOnce(other).userToken("alice", clock);

        String[] parts = foreign.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(EcJwk.parsePublic(
                JSON.readTree(home.resolve("demo-idp/jwks.json").toFile()).get("keys").get(0)));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isFalse();
    }

    @Test
    void userTokenWhenUserIsBlankOrHasWhitespaceThenRefused() {
        DemoIdentityProvider idp = DemoIdentityProvider.createOnce(home);

        assertThatThrownBy(() -> idp.userToken(" ", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> idp.userToken("alice smith", clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userTokenWhenUserNeedsJsonEscapingThenTheClaimHoldsItExactly() throws Exception {
        String user = "o\"brien\\x";

        String token = DemoIdentityProvider.createOnce(home).userToken(user, clock);

        assertThat(decode(token.split("\\.")[1]).get("sub").asText()).isEqualTo(user);
    }

    @Test
    void existingWhenUpNeverRanThenTheErrorSaysToStartTheStack() {
        assertThatThrownBy(() -> DemoIdentityProvider.existing(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./mandate up");
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }

    /** RFC 7638 §3.2, computed independently of the production code. */
    private static String rfc7638Thumbprint(JsonNode jwk) throws Exception {
        String canonical = "{\"crv\":\"" + jwk.get("crv").asText() + "\",\"kty\":\"" + jwk.get("kty").asText()
                + "\",\"x\":\"" + jwk.get("x").asText() + "\",\"y\":\"" + jwk.get("y").asText() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
