package io.mandate.issuer.login;

import io.mandate.issuer.IssuerProperties;
import io.mandate.issuer.authorize.AuthorizationErrorRedirects;
import io.mandate.issuer.login.oidc.OidcLogin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser side of the authorization server: the authorization endpoint, login, consent and
 * the user's own pages, in a filter chain of their own, ordered before the stateless OAuth chain
 * (which would otherwise match {@code /oauth2/authorize}). Session cookie (HttpOnly, SameSite=Lax,
 * see application.yml), CSRF tokens on every form, a new session id at sign-in; the bootstrap
 * admin users cannot sign in here (the chain has its own authentication manager, without a parent), no framing, no referrer, no script. Users sign in as local users (unless
 * {@code mandate.issuer.login.local-users=false}) and/or through the configured OpenID Providers
 * ({@link OidcLogin}); either way the principal's name is the Mandate user id.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
public class LoginConfiguration {

    /** The paths of the browser chain. */
    public static final String[] BROWSER_PATHS = {"/oauth2/authorize", "/oauth2/authorize/**", "/login", "/logout",
            "/account", "/account/**", "/login/**"};

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
    SecurityFilterChain browserPages(HttpSecurity http, LocalUsers users, LoginThrottle throttle, LoginProperties login,
                                     IssuerProperties issuer, AuthorizationErrorRedirects errors, Clock clock)
            throws Exception {
        RequestCache requestCache = new HttpSessionRequestCache();
        List<AuthenticationProvider> providers = new ArrayList<>();
        http.securityMatcher(BROWSER_PATHS)
                .requestCache(cache -> cache.requestCache(requestCache))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/login/**").permitAll()
                        .anyRequest().hasRole("USER"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        if (login.localUsers()) {
            providers.add(new LocalUserAuthentication(users, throttle));
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/account/grants", false).permitAll());
        } else {
            // No password form at all: POST /login finds nothing to sign in with.
            http.exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
        }
        if (!login.identityProviders().isEmpty()) {
            providers.add(OidcLogin.configure(http, login, issuer.url().toString(), requestCache, errors, clock));
        }
        // Its own manager, without a parent: the bootstrap admin users cannot sign in on these pages.
        return http.authenticationManager(new ProviderManager(providers)).build();
    }
}
