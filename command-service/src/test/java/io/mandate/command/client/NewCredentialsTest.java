package io.mandate.command.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.TokenEndpointAuthMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewCredentialsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EC_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void fromWhenNoMethodThenClientSecretBasicWithSecretWhoseHashIsRecorded() {
        NewCredentials credentials = NewCredentials.from(null, null);

        assertThat(credentials.credentials().method()).isEqualTo(TokenEndpointAuthMethod.CLIENT_SECRET_BASIC);
        assertThat(credentials.secret()).hasSize(43);
        assertThat(credentials.credentials().secretHash()).isEqualTo(ClientSecrets.hash(credentials.secret()));
        assertThat(credentials.credentials().jwks()).isNull();
        assertThat(credentials.toString()).doesNotContain(credentials.secret());
    }

    @Test
    void fromWhenPrivateKeyJwtWithPublicKeysThenCompactKeysAndNoSecret() throws Exception {
        NewCredentials credentials = NewCredentials.from("private_key_jwt", json("{ \"keys\" : [ " + EC_KEY + " ] }"));

        assertThat(credentials.credentials().method()).isEqualTo(TokenEndpointAuthMethod.PRIVATE_KEY_JWT);
        assertThat(credentials.credentials().jwks()).isEqualTo("{\"keys\":[" + EC_KEY + "]}");
        assertThat(credentials.credentials().secretHash()).isNull();
        assertThat(credentials.secret()).isNull();
    }

    @Test
    void fromWhenNoneThenNoCredentialsAndNoSecret() {
        NewCredentials credentials = NewCredentials.from("none", null);

        assertThat(credentials.credentials().method()).isEqualTo(TokenEndpointAuthMethod.NONE);
        assertThat(credentials.secret()).isNull();
    }

    @Test
    void fromWhenUnknownMethodThenRejectedNamingTokenEndpointAuthMethod() {
        assertRejected(() -> NewCredentials.from("client_secret_post", null), "tokenEndpointAuthMethod");
        assertRejected(() -> NewCredentials.from("CLIENT_SECRET_BASIC", null), "tokenEndpointAuthMethod");
    }

    @Test
    void fromWhenPrivateKeyJwtWithoutJwksThenRejectedNamingJwks() throws Exception {
        assertRejected(() -> NewCredentials.from("private_key_jwt", null), "jwks");
        assertRejected(() -> NewCredentials.from("private_key_jwt", json("null")), "jwks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "none"})
    void fromWhenJwksWithAnotherMethodThenRejectedNamingJwks(String method) throws Exception {
        assertRejected(() -> NewCredentials.from(method, json("{\"keys\":[" + EC_KEY + "]}")), "jwks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"keys\"", "[]", "{}", "{\"keys\": {}}", "{\"keys\": []}"})
    void fromWhenJwksNotASetOfKeysThenRejectedNamingJwks(String jwks) {
        assertThatThrownBy(() -> NewCredentials.from("private_key_jwt", json(jwks)))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isIn("jwks", "jwks.keys"));
    }

    @Test
    void fromWhenKeyIsNotAnObjectOrHasNoKtyThenRejectedNamingTheKey() throws Exception {
        assertRejected(() -> NewCredentials.from("private_key_jwt", json("{\"keys\": [\"EC\"]}")), "jwks.keys[0]");
        assertRejected(() -> NewCredentials.from("private_key_jwt",
                json("{\"keys\": [" + EC_KEY + ", {\"crv\": \"P-256\", \"x\": \"a\"}]}")), "jwks.keys[1].kty");
        assertRejected(() -> NewCredentials.from("private_key_jwt", json("{\"keys\": [{\"kty\": \"\"}]}")),
                "jwks.keys[0].kty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    void fromWhenAKeyCarriesPrivateMaterialThenRejectedNamingTheMember(String member) throws Exception {
        String privateKey = EC_KEY.substring(0, EC_KEY.length() - 1) + ",\"" + member + "\":\"c2VjcmV0\"}";

        assertRejected(() -> NewCredentials.from("private_key_jwt",
                json("{\"keys\": [" + EC_KEY + ", " + privateKey + "]}")), "jwks.keys[1]." + member);
    }

    @Test
    void fromWhenTooManyKeysThenRejectedNamingJwksKeys() throws Exception {
        String keys = String.join(",", java.util.Collections.nCopies(PublicJwks.MAX_KEYS + 1, EC_KEY));

        assertRejected(() -> NewCredentials.from("private_key_jwt", json("{\"keys\": [" + keys + "]}")), "jwks.keys");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
