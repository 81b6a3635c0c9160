package io.mandate.issuer.login;

import io.mandate.issuer.login.LoginProperties.IdentityProvider;

import java.net.URI;
import java.util.List;

/** Test data: identity provider settings that pass validation, to vary one field at a time. */
public final class TestProviders {

    private TestProviders() {
    }

    public static IdentityProvider aProvider(String id, String prefix) {
        return new IdentityProvider(id, null, URI.create("https://login.example/realms/" + id), "mandate", "s3cret",
                null, null, null, prefix, null);
    }

    public static IdentityProvider withClaims(String userClaim, String displayNameClaim, String prefix) {
        return new IdentityProvider("corp", "Corp SSO", URI.create("https://login.example/realms/corp"), "mandate",
                "s3cret", List.of("openid", "profile"), userClaim, displayNameClaim, prefix, null);
    }
}
