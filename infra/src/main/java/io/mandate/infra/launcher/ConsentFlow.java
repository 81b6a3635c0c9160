package io.mandate.infra.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The authorization code flow as a demo user and a demo agent play it (RFC 6749 §4.1, PKCE S256 per
 * RFC 7636, {@code resource} per RFC 8707): the user signs in on the token-issuer's login page; the
 * agent sends the user to {@code /oauth2/authorize}; the user unticks what the scenario wants left out
 * and allows on the consent page, which creates the grant; the agent reads the code from the redirect
 * to its (unserved) redirect URI and redeems it with its verifier and its {@code client_secret_basic}
 * credentials for the user's first access token.
 */
final class ConsentFlow {

    /** The grant's consent lasts this long: the demo should not end under a user's feet. */
    static final String EXPIRY = "P90D";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** A row of /account/grants: the agent's client id, then the resource. */
    private static final Pattern GRANT_ROW =
            Pattern.compile("<tr><td>[^<]*<code>([^<]*)</code></td><td><code>([^<]*)</code></td>");

    /** A step of the flow that did not go as a user and an agent expect; the message says which and why. */
    static final class FlowException extends Exception {
        FlowException(String message) {
            super(message);
        }
    }

    /** The access token an agent received by a user's consent, with what the launcher keeps of it. */
    record UserToken(String accessToken, String grantId, String jti, String scope, Instant expiresAt) {
    }

    private final String issuerUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsentFlow(String issuerUrl) {
        this.issuerUrl = issuerUrl;
    }

    /** A user signed in on the issuer's login page, in a browser of their own. */
    final class Session {
        private final String userId;
        private final DemoBrowser browser;
        private final Set<String> grants;

        private Session(String userId, DemoBrowser browser, Set<String> grants) {
            this.userId = userId;
            this.browser = browser;
            this.grants = grants;
        }

        /**
         * Whether the user's own grants page lists a grant to this agent for this resource, whatever its
         * status: a grant the user withdrew or a responder revoked stays ended, it is not asked for again.
         */
        boolean hasGrant(DemoCast.Grant grant) {
            return grants.contains(grant.agentId() + " " + grant.resource());
        }

        /** Plays the flow for {@code grant} as this user and the agent, whose secret is {@code agentSecret}. */
        UserToken consent(DemoCast.Grant grant, String agentSecret) throws FlowException, IOException, InterruptedException {
            Pkce pkce = Pkce.create();
            String state = random(16);
            DemoBrowser.Page consentPage = browser.get(issuerUrl + "/oauth2/authorize?" + DemoBrowser.query(
                    DemoBrowser.parameters("response_type", "code", "client_id", grant.agentId(),
                            "redirect_uri", DemoCast.REDIRECT_URI, "resource", grant.resource(),
                            "scope", String.join(" ", grant.asked()), "state", state,
                            "code_challenge", pkce.challenge(), "code_challenge_method", "S256")));
            refusedByRedirect(consentPage, "the authorization request");
            DemoBrowser.Form decision = consentPage.form("/oauth2/authorize/consent").orElseThrow(() ->
                    new FlowException("no consent page: " + consentPage.alert()));
            if (!decision.checked("scope").containsAll(grant.asked())) {
                throw new FlowException("the consent page offers " + decision.checked("scope") + ", not " + grant.asked());
            }
            grant.unticked().forEach(scope -> decision.untick("scope", scope));
            if (grant.delegateToMcpServer()) {
                decision.tick("delegate", "mcp");
            }
            DemoBrowser.Page back = browser.submit(decision.set("expires", EXPIRY).set("decision", "approve"));
            refusedByRedirect(back, "the consent");
            if (back.leftTo() == null || !back.leftTo().toString().startsWith(DemoCast.REDIRECT_URI + "?")) {
                throw new FlowException("the consent did not send the user back to the agent: " + back.alert());
            }
            if (!back.leftWith("state").orElse("").equals(state) || !back.leftWith("iss").orElse("").equals(issuerUrl)) {
                throw new FlowException("the authorization response carries another state or iss (RFC 9207)");
            }
            String code = back.leftWith("code").orElseThrow(() -> new FlowException("the authorization response has no code"));
            return redeem(grant, code, pkce.verifier(), agentSecret);
        }

        String userId() {
            return userId;
        }
    }

    /** Signs the user in and reads their grants page, where the login lands. */
    Session signIn(String userId, String password) throws FlowException, IOException, InterruptedException {
        DemoBrowser browser = new DemoBrowser(issuerUrl);
        DemoBrowser.Page login = browser.get(issuerUrl + "/login");
        DemoBrowser.Form form = login.form("/login").orElseThrow(() ->
                new FlowException("no sign-in form at /login: " + login.alert()));
        DemoBrowser.Page landed = browser.submit(form.set("username", userId).set("password", password));
        if (landed.status() != 200 || !"/account/grants".equals(landed.uri().getPath())) {
            throw new FlowException("sign-in as " + userId + " failed: " + landed.alert());
        }
        Set<String> grants = new HashSet<>();
        Matcher rows = GRANT_ROW.matcher(landed.body());
        while (rows.find()) {
            grants.add(DemoBrowser.unescape(rows.group(1)) + " " + DemoBrowser.unescape(rows.group(2)));
        }
        return new Session(userId, browser, grants);
    }

    /** The token request (RFC 6749 §4.1.3) with the PKCE verifier (RFC 7636 §4.5), as the agent. */
    private UserToken redeem(DemoCast.Grant grant, String code, String verifier, String agentSecret)
            throws FlowException, IOException, InterruptedException {
        String form = DemoBrowser.query(DemoBrowser.parameters("grant_type", "authorization_code", "code", code,
                "redirect_uri", DemoCast.REDIRECT_URI, "code_verifier", verifier, "resource", grant.resource()));
        String basic = Base64.getEncoder().encodeToString((grant.agentId() + ":" + agentSecret)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuerUrl + "/oauth2/token"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            throw new FlowException("the token endpoint refused the code (" + response.statusCode() + "): "
                    + body.path("error").asText() + " " + body.path("error_description").asText());
        }
        String token = body.get("access_token").asText();
        JsonNode claims = claims(token);
        return new UserToken(token, claims.path("grant_id").asText(), claims.path("jti").asText(),
                body.path("scope").asText(),
                Instant.ofEpochSecond(claims.path("exp").asLong()));
    }

    /** An authorization error sent back to the agent (RFC 6749 §4.1.2.1). */
    private static void refusedByRedirect(DemoBrowser.Page page, String what) throws FlowException {
        if (page.leftWith("error").isPresent()) {
            throw new FlowException(what + " was refused: " + page.leftWith("error").get() + " ("
                    + page.leftWith("error_description").orElse("") + ")");
        }
    }

    /** The payload of a JWS in compact serialization; the launcher only reads what it was just given. */
    static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IOException("not a JWS in compact serialization");
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }

    /** RFC 7636 §4.1–4.2: a 43-character verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            String verifier = random(32);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, BASE64URL.encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
