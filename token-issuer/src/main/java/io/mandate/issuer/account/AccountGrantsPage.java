package io.mandate.issuer.account;

import io.mandate.issuer.commandapi.CommandServiceGrants;
import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.projection.GrantView;
import io.mandate.issuer.projection.IssuerProjection;
import io.mandate.issuer.web.Html;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * {@code /account/grants}: the signed-in user's grants (the agents acting for them), from this
 * issuer's projection, and a button per active grant to withdraw it. A withdrawal is revoked at
 * the command-service with the user as actor ({@code GrantRevoked}, {@code revokedBy user:<id>});
 * a grant of another user answers 404 there and here.
 */
@Controller
class AccountGrantsPage {

    private final IssuerProjection projection;
    private final CommandServiceGrants grants;
    private final Clock clock;

    AccountGrantsPage(IssuerProjection projection, CommandServiceGrants grants, Clock clock) {
        this.projection = projection;
        this.grants = grants;
        this.clock = clock;
    }

    @GetMapping("/account/grants")
    ResponseEntity<String> list(Authentication user, CsrfToken csrf, HttpServletRequest request) {
        UserId userId = UserId.of(user.getName());
        List<GrantView> own = projection.grantsOf(userId);
        StringBuilder body = new StringBuilder("<h1>Agents acting for you</h1>")
                .append("<p class=\"muted\">Signed in as <strong>").append(Html.escape(userId.value()))
                .append("</strong>.</p><form method=\"post\" action=\"/logout\">").append(Html.csrf(csrf))
                .append("<button type=\"submit\">Sign out</button></form>");
        if (request.getParameter("withdrawn") != null) {
            body.append("<p role=\"status\">Withdrawn. The agent can no longer act for you with that grant; ")
                    .append("it may take a moment to show here.</p>");
        }
        if (own.isEmpty()) {
            body.append("<p>You have granted no agent access.</p>");
        } else {
            body.append("<table><thead><tr><th scope=\"col\">Agent</th><th scope=\"col\">Resource</th>")
                    .append("<th scope=\"col\">Permissions</th><th scope=\"col\">Until</th><th scope=\"col\">Status</th>")
                    .append("<th scope=\"col\"><span class=\"muted\">Action</span></th></tr></thead><tbody>");
            own.forEach(grant -> row(body, grant, csrf));
            body.append("</tbody></table>");
        }
        return Html.page(HttpStatus.OK, "Your grants", body.toString());
    }

    @PostMapping("/account/grants/{grantId}/withdraw")
    ResponseEntity<String> withdraw(@PathVariable String grantId, Authentication user) {
        GrantId id;
        try {
            id = GrantId.of(grantId);
        } catch (IllegalArgumentException e) {
            return Html.error(HttpStatus.NOT_FOUND, "No such grant", "You have no grant with this id.");
        }
        UserId userId = UserId.of(user.getName());
        boolean own = projection.findGrant(id).map(grant -> grant.userId().equals(userId)).orElse(false);
        try {
            if (!own || !grants.withdraw(id, userId)) {
                return Html.error(HttpStatus.NOT_FOUND, "No such grant", "You have no grant with this id.");
            }
        } catch (CommandServiceGrants.GrantApiException e) {
            return Html.error(HttpStatus.SERVICE_UNAVAILABLE, "Not withdrawn",
                    "The withdrawal could not be recorded right now; please try again.");
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setLocation(URI.create("/account/grants?withdrawn"));
        return new ResponseEntity<>(headers, HttpStatus.SEE_OTHER);
    }

    private void row(StringBuilder body, GrantView grant, CsrfToken csrf) {
        String agent = projection.findClient(grant.agentId()).map(ClientView::name).orElse(grant.agentId().value());
        String status = grant.status().name().toLowerCase(java.util.Locale.ROOT);
        if (grant.expiresAt() != null && !clock.instant().isBefore(grant.expiresAt()) && "active".equals(status)) {
            status = "expired";
        }
        body.append("<tr><td>").append(Html.escape(agent)).append(" <code>").append(Html.escape(grant.agentId().value()))
                .append("</code></td><td><code>").append(Html.escape(grant.audience())).append("</code></td><td>")
                .append(Html.escape(grant.scopes())).append("</td><td>")
                .append(Html.escape(grant.expiresAt() == null ? "until withdrawn" : grant.expiresAt().toString()))
                .append("</td><td>").append(Html.escape(status)).append("</td><td>");
        if ("active".equals(status)) {
            body.append("<form method=\"post\" action=\"/account/grants/").append(Html.escape(grant.grantId().value()))
                    .append("/withdraw\">").append(Html.csrf(csrf)).append("<button type=\"submit\" aria-label=\"Withdraw ")
                    .append(Html.escape(agent)).append("'s access to ").append(Html.escape(grant.audience()))
                    .append("\">Withdraw</button></form>");
        }
        body.append("</td></tr>");
    }
}
