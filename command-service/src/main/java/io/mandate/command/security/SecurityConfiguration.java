package io.mandate.command.security;

import io.mandate.serviceauth.RememberedBasicAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

/**
 * HTTP Basic (RFC 7617) with the three bootstrap users; stateless, so no session and no CSRF
 * token (no cookie ever authenticates a request). Failures answer as RFC 9457 problems.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    static final String INVESTIGATOR = "INVESTIGATOR";
    static final String RESPONDER = "RESPONDER";
    /**
     * The token-issuer acting as the authorization server: creates a grant when a user consents and
     * withdraws a user's own grant. Nothing else (least privilege: it reads no investigation data,
     * registers no client, revokes nothing for anybody else).
     */
    static final String AUTHORIZATION_SERVER = "AUTHORIZATION_SERVER";

    /**
     * The token-issuer's service principal: registers, updates and deletes self-registered clients (RFC
     * 7591/7592, client ID metadata documents) and nothing else; the controller keeps it off clients an
     * administrator registered.
     */
    static final String REGISTRAR = "REGISTRAR";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/grants").hasAnyRole(ADMIN, AUTHORIZATION_SERVER)
                        .requestMatchers(HttpMethod.POST, "/api/grants/*/withdraw").hasRole(AUTHORIZATION_SERVER)
                        // Clients and grants: ADMIN manages, RESPONDER may revoke, investigators only read.
                        .requestMatchers(HttpMethod.POST, "/api/grants/*/revoke").hasAnyRole(ADMIN, RESPONDER)
                        .requestMatchers(HttpMethod.GET, "/api/grants/*", "/api/clients/*").hasAnyRole(ADMIN, INVESTIGATOR)
                        .requestMatchers(HttpMethod.POST, "/api/clients").hasAnyRole(ADMIN, REGISTRAR)
                        .requestMatchers(HttpMethod.PUT, "/api/clients", "/api/clients/*").hasAnyRole(ADMIN, REGISTRAR)
                        .requestMatchers(HttpMethod.DELETE, "/api/clients/*").hasAnyRole(ADMIN, REGISTRAR)
                        .requestMatchers("/api/clients", "/api/clients/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/revocations/**").hasAnyRole(ADMIN, RESPONDER)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * BCrypt-checked bootstrap and service users, a success remembered for a minute so that a client re-sending
     * HTTP Basic on every request (the token-issuer, the query-service's revocation actions) does not pay a
     * BCrypt each time.
     */
    @Bean
    AuthenticationProvider basicAuthentication(SecurityProperties properties, PasswordEncoder encoder) {
        DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(bootstrapUsers(properties, encoder));
        verifier.setPasswordEncoder(encoder);
        return new RememberedBasicAuthentication(verifier, Clock.systemUTC());
    }

    private static UserDetailsService bootstrapUsers(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(
                User.withUsername("admin").password(encoder.encode(properties.adminPassword()))
                        .roles(ADMIN).build(),
                User.withUsername("investigator").password(encoder.encode(properties.investigatorPassword()))
                        .roles(INVESTIGATOR).build(),
                User.withUsername("responder").password(encoder.encode(properties.responderPassword()))
                        .roles(RESPONDER, INVESTIGATOR).build(),
                User.withUsername("authorization-server").password(encoder.encode(properties.authorizationServerPassword()))
                        .roles(AUTHORIZATION_SERVER).build(),
                User.withUsername("registrar").password(encoder.encode(properties.registrarPassword()))
                        .roles(REGISTRAR).build());
    }
}
