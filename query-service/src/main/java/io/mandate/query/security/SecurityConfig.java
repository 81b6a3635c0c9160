package io.mandate.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mandate.serviceauth.RememberedBasicAuthentication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

/**
 * HTTP Basic (RFC 7617) over a stateless API: no session, hence no CSRF token to protect.
 * Failures are RFC 9457 problem documents like every other error of this API.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
        ProblemSecurityHandler problems = new ProblemSecurityHandler(objectMapper);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to(MetricsEndpoint.class)).hasRole(Roles.ADMIN)
                        .requestMatchers("/error", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Export keys are public: anyone holding an export must be able to verify it.
                        .requestMatchers(HttpMethod.GET, "/api/exports/jwks").permitAll()
                        // Bulk exports are the investigators' (RESPONDER holds INVESTIGATOR too; ADMIN does not).
                        .requestMatchers(HttpMethod.GET, "/api/exports/**").hasRole(Roles.INVESTIGATOR)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Roles.READERS)
                        // One-click revocation: responders only (not ADMIN, not INVESTIGATOR).
                        .requestMatchers(HttpMethod.POST, "/api/actions/**").hasRole(Roles.RESPONDER)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * BCrypt-checked bootstrap users, a success remembered for a minute so that a client re-sending HTTP Basic
     * on every request does not pay a BCrypt each time (docs/query-model.md, "Request floor").
     */
    @Bean
    AuthenticationProvider basicAuthentication(SecurityProperties properties, PasswordEncoder encoder) {
        DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(users(properties, encoder));
        verifier.setPasswordEncoder(encoder);
        return new RememberedBasicAuthentication(verifier, Clock.systemUTC());
    }

    /** The bootstrap users; their passwords are hashed at start-up and never kept in clear. */
    private static UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(
                User.withUsername("admin").password(encoder.encode(properties.adminPassword()))
                        .roles(Roles.ADMIN).build(),
                User.withUsername("investigator").password(encoder.encode(properties.investigatorPassword()))
                        .roles(Roles.INVESTIGATOR).build(),
                User.withUsername("responder").password(encoder.encode(properties.responderPassword()))
                        .roles(Roles.RESPONDER, Roles.INVESTIGATOR).build());
    }
}
