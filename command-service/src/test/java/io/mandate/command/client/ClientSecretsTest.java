package io.mandate.command.client;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretsTest {

    @RepeatedTest(20)
    void generateWhenCalledThen256BitsAsBase64UrlWithoutPadding() {
        String secret = ClientSecrets.generate();

        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    }

    @Test
    void generateWhenCalledManyTimesThenNeverTheSameSecret() {
        Set<String> secrets = new HashSet<>();
        IntStream.range(0, 1_000).forEach(i -> secrets.add(ClientSecrets.generate()));

        assertThat(secrets).hasSize(1_000);
    }

    @Test
    void hashWhenKnownSecretThenSha256OfItsUtf8StringAsBase64UrlWithPrefix() throws Exception {
        // RFC 4648 base64url of SHA-256("abc"), the FIPS 180-2 test vector.
        assertThat(ClientSecrets.hash("abc")).isEqualTo("sha256:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");

        String secret = ClientSecrets.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(ClientSecrets.hash(secret))
                .isEqualTo("sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
                .doesNotContain(secret).doesNotEndWith("=");
    }

    @Test
    void matchesWhenSecretRecomputesTheHashThenTrue() {
        String secret = ClientSecrets.generate();

        assertThat(ClientSecrets.matches(secret, ClientSecrets.hash(secret))).isTrue();
    }

    @Test
    void matchesWhenOtherSecretOrMangledOrMissingThenFalse() {
        String secret = ClientSecrets.generate();
        String hash = ClientSecrets.hash(secret);

        assertThat(ClientSecrets.matches(ClientSecrets.generate(), hash)).isFalse();
        assertThat(ClientSecrets.matches(secret + "x", hash)).isFalse();
        assertThat(ClientSecrets.matches(secret, hash.substring("sha256:".length()))).isFalse();
        assertThat(ClientSecrets.matches(secret, hash.toUpperCase())).isFalse();
        assertThat(ClientSecrets.matches(null, hash)).isFalse();
        assertThat(ClientSecrets.matches(secret, null)).isFalse();
    }
}
