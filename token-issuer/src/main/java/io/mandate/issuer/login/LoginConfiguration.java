package io.mandate.issuer.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The browser side of the authorization server: the authorization endpoint, login, consent and
 * the user's own pages, in a filter chain of their own, ordered before the stateless OAuth chain
 * (which would otherwise match {@code /oauth2/authorize}). Session cookie (HttpOnly, SameSite=Lax,
 * see application.yml), CSRF tokens on every form, a new session id at sign-in, local users only
 * (the bootstrap admin users cannot sign in here: the chain has its own authentication manager,
 * without a parent), no framing, no referrer, no script.
 */
@Configuration(proxyBeanMethods = false)
public class LoginConfiguration {

    /** The paths of the browser chain. */
    public static final String[] BROWSER_PATHS = {"/oauth2/authorize", "/oauth2/authorize/**", "/login", "/logout",
            "/account", "/account/**"};

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Bean
    LocalUsers localUsers(JdbcTemplate jdbc, Clock clock) {
        return new LocalUsers(jdbc, clock);
    }

    @Bean
    LoginThrottle loginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        return new LoginThrottle(jdbc, transactions, clock);
    }

    @Bean
    @Order(0)
    SecurityFilterChain browserPages(HttpSecurity http, LocalUsers users, LoginThrottle throttle) throws Exception {
        return http.securityMatcher(BROWSER_PATHS)
                .authenticationManager(new ProviderManager(new LocalUserAuthentication(users, throttle)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login").permitAll()
                        .anyRequest().hasRole("USER"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/account/grants", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }
}
