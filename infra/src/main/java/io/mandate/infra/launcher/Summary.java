package io.mandate.infra.launcher;

import java.io.PrintStream;

/** What a person needs once the stack is up: where everything answers, and how to stop it. */
final class Summary {

    private final StackSettings settings;
    private final PrintStream out;

    Summary(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void print() {
        String issuer = settings.serviceUrl(StackSettings.TOKEN_ISSUER);
        String command = settings.serviceUrl(StackSettings.COMMAND_SERVICE);
        String query = settings.serviceUrl(StackSettings.QUERY_SERVICE);
        out.println();
        out.println("  Dashboard                 " + settings.serviceUrl(StackSettings.DASHBOARD)
                + "   (sign in as investigator / mandate-investigator)");
        out.println("  AS metadata (RFC 8414)    " + issuer + "/.well-known/oauth-authorization-server");
        out.println("  JWKS                      " + issuer + "/oauth2/jwks");
        out.println("  Admin command API         " + command + "/api/grants   (OpenAPI " + command + "/swagger-ui.html)");
        out.println("  Investigation API         " + query + "/api/grants     (OpenAPI " + query + "/swagger-ui.html)");
        out.println("  Bootstrap users           admin / mandate-admin, investigator / mandate-investigator, "
                + "responder / mandate-responder (change with MANDATE_SECURITY_*_PASSWORD)");
        out.println("  Demo users                alice, bob: sign in at " + issuer + "/account/grants with the "
                + "passwords in " + DemoEnvFile.file(settings.home(), DemoEnvFile.USERS));
        out.println("  Demo user token           ./mandate demo-token alice   (what alice's consent gave travel-agent;"
                + " ./mandate idp-token alice: a token of the demo IdP " + DemoIdentityProvider.ISSUER + ")");
        out.println("  Demo client secrets       " + DemoClientSecrets.file(settings.home())
                + "   (load with: set -a; . <that file>; set +a)");
        out.println("  Try it                    README.md, \"Try it\"");
        out.println("  Logs and data             " + settings.home());
        out.println("  Stop                      ./mandate down");
    }
}
