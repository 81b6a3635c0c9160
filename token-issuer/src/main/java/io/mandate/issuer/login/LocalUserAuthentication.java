package io.mandate.issuer.login;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.ArrayList;
import java.util.List;

/**
 * Signs in a local user: refuses at once while the user name or the client address is locked by
 * the throttle, else checks the Argon2id hash and counts a failure against both keys. The
 * principal of a signed-in user is its user id (the {@code sub} of the tokens it authorises).
 * Error messages never say whether the user exists.
 */
class LocalUserAuthentication implements AuthenticationProvider {

    static final String ROLE_USER = "ROLE_USER";
    static final int MAX_USER_ID = 255;

    private final LocalUsers users;
    private final LoginThrottle throttle;

    LocalUserAuthentication(LocalUsers users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String userId = String.valueOf(authentication.getPrincipal()).strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (userId.isEmpty() || userId.length() > MAX_USER_ID || password.length() > 256) {
            throw new BadCredentialsException("Wrong user name or password");
        }
        List<String> keys = new ArrayList<>(List.of(LoginThrottle.userKey(userId)));
        String address = address(authentication);
        if (address != null) {
            keys.add(LoginThrottle.addressKey(address));
        }
        if (throttle.lockedUntil(keys).isPresent()) {
            throw new LockedException("Too many failed sign-ins; wait a few minutes and try again");
        }
        return users.verify(userId, password)
                .map(user -> {
                    throttle.clear(LoginThrottle.userKey(userId));
                    UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
                            user.userId().value(), null, AuthorityUtils.createAuthorityList(ROLE_USER));
                    signedIn.setDetails(authentication.getDetails());
                    return (Authentication) signedIn;
                })
                .orElseThrow(() -> {
                    throttle.recordFailure(LoginThrottle.userKey(userId), LoginThrottle.PER_USER);
                    if (address != null) {
                        throttle.recordFailure(LoginThrottle.addressKey(address), LoginThrottle.PER_ADDRESS);
                    }
                    return new BadCredentialsException("Wrong user name or password");
                });
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
