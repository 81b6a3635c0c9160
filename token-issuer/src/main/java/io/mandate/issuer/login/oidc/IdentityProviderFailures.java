package io.mandate.issuer.login.oidc;

import io.mandate.issuer.authorize.AuthorizationErrorRedirects;
import io.mandate.issuer.login.LoginProperties.IdentityProvider;
import io.mandate.issuer.web.Html;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the user sees when signing in through an identity provider fails, at the start
 * ({@code /login/idp/<id>}: the provider's discovery failed) or at the callback
 * ({@code /login/oauth2/code/<id>}: the provider answered an error, the state matched no sign-in
 * started in this browser, the code exchange failed, or the ID token was refused). Never a stack
 * trace, never a token in the log (only the provider id and the error code).
 *
 * <p>The user cancelling at the provider ({@code error=access_denied}, OpenID Connect Core §3.1.2.6)
 * ends the client's pending authorization request the way "Deny" does: {@code access_denied} is
 * redirected to the client (RFC 6749 §4.1.2.1) when the saved request still names a valid client
 * and redirect URI. Every other failure is a page with a way back to the sign-in page, which keeps
 * the pending request, so the user can try again or choose another way to sign in.
 */
public class IdentityProviderFailures implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(IdentityProviderFailures.class);

    private final RequestCache requestCache;
    private final AuthorizationErrorRedirects redirects;
    private final Function<String, IdentityProvider> providers;

    public IdentityProviderFailures(RequestCache requestCache, AuthorizationErrorRedirects redirects,
                                    Function<String, IdentityProvider> providers) {
        this.requestCache = requestCache;
        this.redirects = redirects;
        this.providers = providers;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String registrationId = lastSegment(request.getRequestURI());
        IdentityProvider provider = providers.apply(registrationId);
        String name = provider == null ? "the identity provider" : provider.name();
        Failure failure = classify(exception);
        log.warn("Sign-in through identity provider {} failed: {} ({})", provider == null ? "(unknown)" : provider.id(),
                failure.code(), exception instanceof OAuth2AuthenticationException oauth
                        ? oauth.getError().getErrorCode() : exception.getClass().getSimpleName());
        if (failure == Failure.CANCELLED) {
            Optional<String> back = pendingAuthorization(request, response)
                    .flatMap(saved -> redirects.redirect(saved.getParameterMap(), "access_denied",
                            "The user cancelled the sign-in at " + name));
            if (back.isPresent()) {
                requestCache.removeRequest(request, response);
                response.setHeader("Cache-Control", "no-store");
                response.sendRedirect(back.get());
                return;
            }
        }
        Html.write(page(failure, name), response);
    }

    /** The pending {@code /oauth2/authorize} request that sent the user to sign in, if any. */
    private Optional<SavedRequest> pendingAuthorization(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        if (saved == null) {
            return Optional.empty();
        }
        try {
            return "/oauth2/authorize".equals(URI.create(saved.getRedirectUrl()).getPath()) ? Optional.of(saved)
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    enum Failure {
        CANCELLED("access_denied", HttpStatus.FORBIDDEN, "Sign-in cancelled",
                "You cancelled the sign-in at %s."),
        UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Sign-in is not available right now",
                "%s cannot be reached right now. Try again in a moment."),
        NOT_STARTED_HERE("authorization_request_not_found", HttpStatus.BAD_REQUEST, "Sign-in not recognised",
                "This answer from %s does not belong to a sign-in started in this browser, or it was already used. "
                        + "Start again."),
        NOT_VERIFIED("invalid_id_token", HttpStatus.BAD_REQUEST, "Sign-in refused",
                "The answer from %s could not be verified, so nobody was signed in."),
        NO_USER("unusable_user", HttpStatus.FORBIDDEN, "Sign-in refused",
                "%s did not say who you are in a way Mandate can use, so nobody was signed in."),
        FAILED("failed", HttpStatus.BAD_GATEWAY, "Sign-in failed",
                "%s did not complete the sign-in. Try again, or choose another way to sign in.");

        private final String code;
        private final HttpStatus status;
        private final String title;
        private final String message;

        Failure(String code, HttpStatus status, String title, String message) {
            this.code = code;
            this.status = status;
            this.title = title;
            this.message = message;
        }

        String code() {
            return code;
        }
    }

    static Failure classify(AuthenticationException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof IdentityProviderUnavailable) {
                return Failure.UNAVAILABLE;
            }
        }
        if (!(exception instanceof OAuth2AuthenticationException oauth)) {
            return Failure.FAILED;
        }
        return switch (oauth.getError().getErrorCode()) {
            case "access_denied" -> Failure.CANCELLED;
            case "temporarily_unavailable", "invalid_token_response" -> Failure.UNAVAILABLE;
            case "authorization_request_not_found", "invalid_state_parameter", "client_registration_not_found",
                 "invalid_redirect_uri_parameter" -> Failure.NOT_STARTED_HERE;
            case "invalid_id_token", "invalid_nonce", "missing_signature_verifier" -> Failure.NOT_VERIFIED;
            case IdentityProviderUserService.UNUSABLE_USER -> Failure.NO_USER;
            default -> Failure.FAILED;
        };
    }

    private static org.springframework.http.ResponseEntity<String> page(Failure failure, String providerName) {
        String message = failure.message.formatted(providerName);
        return Html.page(failure.status, failure.title, "<h1>" + Html.escape(failure.title)
                + "</h1><p class=\"error\" role=\"alert\">" + Html.escape(message)
                + "</p><p><a href=\"/login\">Back to sign-in</a></p>");
    }

    private static String lastSegment(String path) {
        if (path == null) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
