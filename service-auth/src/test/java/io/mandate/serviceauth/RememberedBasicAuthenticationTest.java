package io.mandate.serviceauth;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real BCrypt verifier behind the cache, counted: which requests still pay a BCrypt check. */
class RememberedBasicAuthenticationTest {

    private final PasswordEncoder bcrypt = new BCryptPasswordEncoder(4); // low cost: the test checks logic, not cost
    private final AtomicInteger verifications = new AtomicInteger();
    private final StepClock clock = new StepClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final RememberedBasicAuthentication authentication = new RememberedBasicAuthentication(counted(verifier()), clock);

    @Test
    void authenticateWhenRightPasswordTwiceThenOneBcryptCheckAndTheSameRoles() {
        Authentication first = authentication.authenticate(basic("investigator", "pw-investigator"));
        Authentication second = authentication.authenticate(basic("investigator", "pw-investigator"));

        assertThat(verifications).hasValue(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("investigator");
        assertThat(second.getCredentials()).isNull();
        assertThat(second.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrderElementsOf(first.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList())
                .containsExactly("ROLE_INVESTIGATOR");
    }

    @Test
    void authenticateWhenWrongPasswordAfterTheRightOneThenRefusedEveryTimeThroughBcrypt() {
        authentication.authenticate(basic("investigator", "pw-investigator"));

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> authentication.authenticate(basic("investigator", "pw-wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(verifications).hasValue(4);
    }

    @Test
    void authenticateWhenAnotherUserSendsARememberedPasswordThenRefused() {
        authentication.authenticate(basic("investigator", "pw-investigator"));

        assertThatThrownBy(() -> authentication.authenticate(basic("responder", "pw-investigator")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void authenticateWhenRememberedSuccessExpiredThenBcryptAgain() {
        authentication.authenticate(basic("investigator", "pw-investigator"));
        clock.advance(RememberedBasicAuthentication.TTL);

        Authentication again = authentication.authenticate(basic("investigator", "pw-investigator"));

        assertThat(again.isAuthenticated()).isTrue();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void authenticateWhenUnknownUserThenRefusedAndNotRemembered() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> authentication.authenticate(basic("mallory", "anything")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(verifications).hasValue(2);
    }

    private DaoAuthenticationProvider verifier() {
        DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("investigator").password(bcrypt.encode("pw-investigator")).roles("INVESTIGATOR").build(),
                User.withUsername("responder").password(bcrypt.encode("pw-responder")).roles("RESPONDER").build()));
        verifier.setPasswordEncoder(bcrypt);
        return verifier;
    }

    private AuthenticationProvider counted(AuthenticationProvider verifier) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication request) {
                verifications.incrementAndGet();
                return verifier.authenticate(request);
            }

            @Override
            public boolean supports(Class<?> type) {
                return verifier.supports(type);
            }
        };
    }

    private static Authentication basic(String username, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
    }
}
