package io.mandate.issuer.authorize;

import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.commandapi.CommandServiceGrants;
import io.mandate.issuer.ids.RandomIds;
import io.mandate.issuer.ledger.LedgerEntry;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.issuer.login.SignIns;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.web.Html;
import io.mandate.messages.consent.ConsentDenied;
import io.mandate.messages.grant.ClientKind;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1): {@code GET /oauth2/authorize} validates the
 * request and, for a signed-in user (Spring Security sends others to {@code /login} and back),
 * shows the consent page; {@code POST /oauth2/authorize/consent} takes the decision. Approving
 * creates the grant at the command-service, waits until this issuer's projection holds it, issues
 * a code and redirects with {@code code}, {@code state} and {@code iss}. Denying records
 * {@code ConsentDenied} and redirects with {@code access_denied}.
 */
@Controller
class AuthorizationEndpoint {

    static final String PATH = "/oauth2/authorize";
    static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AuthorizationEndpoint.class);

    private final AuthorizationRequests requests;
    private final AuthorizationCodes codes;
    private final CommandServiceGrants grants;
    private final IssuerProjection projection;
    private final TokenLedger ledger;
    private final String issuer;
    private final Clock clock;

    AuthorizationEndpoint(AuthorizationRequests requests, AuthorizationCodes codes, CommandServiceGrants grants,
                          IssuerProjection projection, TokenLedger ledger, IssuerProperties issuer, Clock clock) {
        this.requests = requests;
        this.codes = codes;
        this.grants = grants;
        this.projection = projection;
        this.ledger = ledger;
        this.issuer = issuer.url().toString();
        this.clock = clock;
    }

    @GetMapping(PATH)
    ResponseEntity<String> authorize(HttpServletRequest http, Authentication user, CsrfToken csrf) {
        AuthorizationRequest request;
        try {
            request = requests.validate(http.getParameterMap());
        } catch (AuthorizationFailure failure) {
            return fail(failure);
        }
        String consentId = PendingConsents.add(http.getSession(), request);
        return ConsentPage.render(request, consentId, csrf, SignIns.describe(user), null);
    }

    @PostMapping(PATH + "/consent")
    ResponseEntity<String> decide(HttpServletRequest http, Authentication user, CsrfToken csrf) {
        HttpSession session = http.getSession();
        String consentId = http.getParameter("consent_id");
        AuthorizationRequest request = PendingConsents.find(session, consentId).orElse(null);
        if (request == null) {
            return Html.error(HttpStatus.BAD_REQUEST, "Nothing to decide",
                    "This authorization request was already decided or has expired. Start again from the application.");
        }
        UserId userId = UserId.of(user.getName());
        String decision = http.getParameter("decision");
        if ("deny".equals(decision)) {
            PendingConsents.remove(session, consentId);
            return deny(request, userId);
        }
        if (!"approve".equals(decision)) {
            return ConsentPage.render(request, consentId, csrf, SignIns.describe(user), "Choose Allow or Deny.");
        }
        String[] ticked = http.getParameterValues("scope");
        Set<String> chosen = ticked == null ? Set.of() : Set.copyOf(Arrays.asList(ticked));
        if (chosen.isEmpty() || !request.scopes().values().containsAll(chosen)) {
            return ConsentPage.render(request, consentId, csrf, SignIns.describe(user),
                    "Tick at least one of the listed permissions, or deny.");
        }
        Duration lifetime = lifetime(http.getParameter("expires"));
        if (lifetime == null) {
            return ConsentPage.render(request, consentId, csrf, SignIns.describe(user), "Choose one of the listed expiries.");
        }
        if (!PendingConsents.remove(session, consentId)) {
            return Html.error(HttpStatus.CONFLICT, "Already decided", "This authorization request was already decided.");
        }
        return approve(request, userId, SignIns.authenticatedBy(user), Scopes.of(chosen),
                "mcp".equals(http.getParameter("delegate")), lifetime, consentId);
    }

    private ResponseEntity<String> approve(AuthorizationRequest request, UserId userId, String authenticatedBy,
                                           Scopes scopes, boolean delegate, Duration lifetime, String consentId) {
        GrantId grantId;
        try {
            grantId = grants.create(new CommandServiceGrants.ConsentedGrant(userId, request.agent().clientId(),
                    request.resource(), scopes, delegate ? Set.of(ClientKind.MCP_SERVER) : Set.of(), delegate ? 2 : 1,
                    clock.instant().plus(lifetime), authenticatedBy), consentId);
        } catch (CommandServiceGrants.GrantApiException e) {
            log.warn("Grant from consent not created for client {}: status {}", request.agent().clientId().value(),
                    e.status());
            String error = e.status() == 0 || e.status() >= 500 ? "temporarily_unavailable" : "access_denied";
            return redirect(AuthorizationResponses.error(request.redirectUri(), error,
                    "The grant could not be recorded", request.state(), issuer));
        }
        if (!awaitProjection(grantId)) {
            return redirect(AuthorizationResponses.error(request.redirectUri(), "temporarily_unavailable",
                    "The grant is recorded but not yet usable; try again", request.state(), issuer));
        }
        String code = codes.issue(request.agent().clientId(), userId, grantId, request.redirectUri(),
                request.codeChallenge(), request.resource(), scopes);
        return redirect(AuthorizationResponses.success(request.redirectUri(), code, request.state(), issuer));
    }

    private ResponseEntity<String> deny(AuthorizationRequest request, UserId userId) {
        ConsentDenied denied = new ConsentDenied(RandomIds.uuid(), userId, request.agent().clientId(), request.resource(),
                request.scopes(), clock.instant());
        try {
            ledger.append(LedgerEntry.of(denied)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The user's "no" stands even if it could not be recorded: nothing was granted.
            log.warn("ConsentDenied {} could not be recorded: {}", denied.denialId(), e.getClass().getSimpleName());
        }
        return redirect(AuthorizationResponses.error(request.redirectUri(), "access_denied",
                "The user denied the request", request.state(), issuer));
    }

    private boolean awaitProjection(GrantId grantId) {
        Instant deadline = Instant.now().plus(PROJECTION_WAIT);
        while (projection.findGrant(grantId).filter(grant -> grant.createdAt() != null).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private ResponseEntity<String> fail(AuthorizationFailure failure) {
        if (failure.redirectUri() == null) {
            return Html.error(HttpStatus.BAD_REQUEST, "This authorization request cannot be used", failure.description());
        }
        return redirect(AuthorizationResponses.error(failure.redirectUri(), failure.error(), failure.description(),
                failure.state(), issuer));
    }

    private static Duration lifetime(String value) {
        for (String[] expiry : ConsentPage.EXPIRIES) {
            if (expiry[0].equals(value)) {
                return Duration.parse(value);
            }
        }
        return value == null ? Duration.parse(ConsentPage.EXPIRIES[0][0]) : null;
    }

    private static ResponseEntity<String> redirect(String location) {
        HttpHeaders headers = new HttpHeaders();
        headers.setLocation(URI.create(location));
        headers.setCacheControl("no-store");
        return new ResponseEntity<>(headers, HttpStatus.FOUND);
    }

    static List<String> paths() {
        return List.of(PATH, PATH + "/consent");
    }
}
