package io.mandate.serviceauth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * HTTP Basic against the bootstrap users without a BCrypt check on every request: an API client (a service
 * calling another, the dashboard, a script) re-sends its credentials each time, and BCrypt (strength 10, ~70 ms of
 * CPU here) was ~90 % of a small request's time. A success is remembered for {@link #TTL} in
 * {@link VerifiedCredentials} (an HMAC under a per-process random key, never the password); failures always go
 * to {@code verifier} and are never remembered, so guessing a password costs a BCrypt per try as before.
 * Used by the command-service and the query-service (both serve HTTP Basic to services and people); it lives in
 * its own module because {@code messages}, the one module they otherwise share, stays free of Spring.
 */
public final class RememberedBasicAuthentication implements AuthenticationProvider {

    /** Short: bounds how long a verified credential stays usable in memory; users are fixed at start-up. */
    public static final Duration TTL = Duration.ofSeconds(60);
    /** Far above the bootstrap users: only successful logins get in, so only credential holders fill it. */
    public static final int MAX_USERS = 1_000;

    private final AuthenticationProvider verifier;
    private final VerifiedCredentials<Verified> verified;

    public RememberedBasicAuthentication(AuthenticationProvider verifier, Clock clock) {
        this.verifier = verifier;
        this.verified = new VerifiedCredentials<>(TTL, MAX_USERS, clock);
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        if (request.getName() == null || !(request.getCredentials() instanceof String password)) {
            return verifier.authenticate(request);
        }
        String username = request.getName();
        Optional<Verified> remembered = verified.lookup(username, password);
        if (remembered.isPresent()) {
            UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                    remembered.get().principal(), null, remembered.get().authorities());
            result.setDetails(request.getDetails());
            return result;
        }
        Authentication result = verifier.authenticate(request); // a wrong password throws: nothing remembered
        if (result != null && result.isAuthenticated()) {
            verified.remember(username, password, new Verified(result.getPrincipal(), List.copyOf(result.getAuthorities())));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return verifier.supports(authentication);
    }

    /** The principal (its password erased by Spring after the first success) and its roles. */
    private record Verified(Object principal, Collection<? extends GrantedAuthority> authorities) {
    }
}
