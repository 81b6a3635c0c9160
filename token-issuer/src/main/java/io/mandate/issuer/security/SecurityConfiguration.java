package io.mandate.issuer.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. The OAuth endpoints (RFC 6749, RFC 8414, RFC 7517) are public and run in
 * their own filter chain without HTTP Basic, because a client's {@code Authorization: Basic}
 * header there carries client credentials (RFC 6749 §2.3.1) for the token endpoint to judge, not
 * a bootstrap user. Everything else requires a bootstrap user; the admin views require ADMIN.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BootstrapUsersProperties.class)
class SecurityConfiguration {

    static final String[] OAUTH_ENDPOINTS = {"/.well-known/oauth-authorization-server", "/oauth2/**"};

    @Bean
    @Order(1)
    SecurityFilterChain oauthEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher(OAUTH_ENDPOINTS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminApi(HttpSecurity http, ObjectMapper mapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper);
        return http
                .csrf(AbstractHttpConfigurer::disable)  // stateless Basic-auth JSON API: no cookies to forge
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(b -> b.authenticationEntryPoint(problems.authenticationEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.authenticationEntryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .authorizeHttpRequests(a -> a
                        // Health details stay hidden unless the caller is an authorized admin
                        // (management.endpoint.health.show-details=when-authorized).
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                        .requestMatchers("/internal/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The three bootstrap users, hashed once at start-up so no clear password stays in the user store. */
    @Bean
    UserDetailsService bootstrapUsers(BootstrapUsersProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(
                User.withUsername("admin").password(encoder.encode(properties.adminPassword()))
                        .roles("ADMIN").build(),
                User.withUsername("investigator").password(encoder.encode(properties.investigatorPassword()))
                        .roles("INVESTIGATOR").build(),
                User.withUsername("responder").password(encoder.encode(properties.responderPassword()))
                        .roles("RESPONDER", "INVESTIGATOR").build());
    }
}
