package io.mandate.issuer.login;

import io.mandate.issuer.web.Html;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /login}: the sign-in form of local users (Spring Security's form login handles the
 * POST), unless they are disabled, and a "Sign in with &lt;name&gt;" link per trusted identity provider.
 */
@Controller
class LoginPage {

    private final LoginProperties login;

    LoginPage(LoginProperties login) {
        this.login = login;
    }

    @GetMapping(path = "/login", produces = "text/html")
    ResponseEntity<String> login(HttpServletRequest request, CsrfToken csrf) {
        StringBuilder body = new StringBuilder("<h1>Sign in to Mandate</h1>");
        if (request.getParameter("error") != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.escape(failure(request.getSession(false))))
                    .append("</p>");
        }
        if (request.getParameter("logout") != null) {
            body.append("<p role=\"status\">You are signed out.</p>");
        }
        if (login.localUsers()) {
            body.append("<form method=\"post\" action=\"/login\">")
                    .append(Html.csrf(csrf))
                    .append("<label for=\"username\">User name</label>")
                    .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" "
                            + "required maxlength=\"255\" autofocus>")
                    .append("<label for=\"password\">Password</label>")
                    .append("<input type=\"password\" id=\"password\" name=\"password\" "
                            + "autocomplete=\"current-password\" required maxlength=\"256\">")
                    .append("<p><button type=\"submit\">Sign in</button></p></form>");
        }
        if (!login.identityProviders().isEmpty()) {
            body.append("<ul class=\"providers\">");
            login.identityProviders().forEach(provider -> body.append("<li><a href=\"")
                    .append(Html.escape(provider.signInPath())).append("\">Sign in with ")
                    .append(Html.escape(provider.name())).append("</a></li>"));
            body.append("</ul>");
        }
        return Html.page(HttpStatus.OK, "Sign in", body.toString());
    }

    /** The stored failure's message when it is one of ours (locked), else the generic one. */
    private static String failure(HttpSession session) {
        Object exception = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (exception instanceof org.springframework.security.authentication.LockedException locked) {
            return locked.getMessage();
        }
        return exception instanceof AuthenticationException ? "Wrong user name or password." : "Sign-in failed.";
    }
}
