package io.mandate.issuer.authorize;

import io.mandate.issuer.projection.ClientView;
import io.mandate.issuer.web.Html;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The consent screen: who asks (the agent's name, owner and kind), for which resource, each scope
 * in words (each may be unticked), whether the agent may hand the work to an MCP server (and how
 * deep the chain may then grow), and until when. Approve or deny; every value is escaped.
 */
final class ConsentPage {

    /** The expiries the user may choose, ISO-8601 durations; the first is the default. */
    static final String[][] EXPIRIES = {{"P30D", "30 days"}, {"P1D", "1 day"}, {"P7D", "7 days"}, {"P90D", "90 days"}};

    private ConsentPage() {
    }

    static ResponseEntity<String> render(AuthorizationRequest request, String consentId, CsrfToken csrf, String userId,
                                         String error) {
        ClientView agent = request.agent();
        ClientView resource = request.resourceServer();
        StringBuilder body = new StringBuilder()
                .append("<h1>").append(Html.escape(name(agent))).append(" asks to act for you</h1>")
                .append("<p class=\"muted\">Signed in as <strong>").append(Html.escape(userId)).append("</strong>. ")
                .append("<a href=\"/account/grants\">Your grants</a></p>");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(error)).append("</p>");
        }
        body.append("<dl><dt>Agent</dt><dd>").append(Html.escape(name(agent))).append(" (<code>")
                .append(Html.escape(agent.clientId().value())).append("</code>), ").append(Html.escape(kind(agent)))
                .append(", owned by ").append(Html.escape(agent.owner())).append("</dd>")
                .append("<dt>Resource</dt><dd>").append(Html.escape(name(resource))).append(" — <code>")
                .append(Html.escape(request.resource())).append("</code></dd></dl>")
                .append("<form method=\"post\" action=\"/oauth2/authorize/consent\">").append(Html.csrf(csrf))
                .append("<input type=\"hidden\" name=\"consent_id\" value=\"").append(Html.escape(consentId)).append("\">")
                .append("<fieldset><legend>What it may do (untick what you do not want)</legend>");
        int index = 0;
        for (String scope : request.scopes().values()) {
            String id = "scope-" + index++;
            body.append("<label for=\"").append(id).append("\"><input type=\"checkbox\" id=\"").append(id)
                    .append("\" name=\"scope\" value=\"").append(Html.escape(scope)).append("\" checked> ")
                    .append(Html.escape(ScopeWords.describe(scope))).append(" <code>").append(Html.escape(scope))
                    .append("</code></label>");
        }
        body.append("</fieldset><fieldset><legend>Delegation</legend>")
                .append("<label for=\"delegate\"><input type=\"checkbox\" id=\"delegate\" name=\"delegate\" value=\"mcp\"> ")
                .append("Let ").append(Html.escape(name(agent)))
                .append(" hand this work to an MCP server (one more step: a chain of at most 2)</label>")
                .append("<p class=\"muted\">Unticked: only ").append(Html.escape(name(agent)))
                .append(" itself may use this access.</p></fieldset>")
                .append("<fieldset><legend>Until</legend><label for=\"expires\">The access ends after</label>")
                .append("<select id=\"expires\" name=\"expires\">");
        for (String[] expiry : EXPIRIES) {
            body.append("<option value=\"").append(expiry[0]).append("\">").append(expiry[1]).append("</option>");
        }
        body.append("</select><p class=\"muted\">You can withdraw it any time on your grants page.</p></fieldset>")
                .append("<p><button type=\"submit\" name=\"decision\" value=\"approve\">Allow</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p></form>");
        return Html.page(error == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, "Allow " + name(agent) + "?",
                body.toString());
    }

    private static String name(ClientView client) {
        return client.name() == null ? client.clientId().value() : client.name();
    }

    private static String kind(ClientView client) {
        return switch (client.kind()) {
            case AGENT -> "an AI agent";
            case MCP_SERVER -> "an MCP server";
            case APPLICATION -> "an application";
            case RESOURCE_SERVER -> "a resource server";
        };
    }
}
