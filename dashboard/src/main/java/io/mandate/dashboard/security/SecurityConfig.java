package io.mandate.dashboard.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Browser sign-in: form login with a session, so CSRF protection stays on for every form.
 * The content security policy allows nothing from elsewhere: the page loads only its own CSS.
 */
@Configuration
class SecurityConfig {

    private static final String[] READERS = {"INVESTIGATOR", "RESPONDER", "ADMIN"};

    @Bean
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/login", "/css/**", "/favicon.ico", "/error").permitAll()
                        .anyRequest().hasAnyRole(READERS))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(Customizer.withDefaults())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The bootstrap users; their passwords are hashed at start-up and never kept in clear. */
    @Bean
    UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(
                User.withUsername("admin").password(encoder.encode(properties.adminPassword()))
                        .roles("ADMIN").build(),
                User.withUsername("investigator").password(encoder.encode(properties.investigatorPassword()))
                        .roles("INVESTIGATOR").build(),
                User.withUsername("responder").password(encoder.encode(properties.responderPassword()))
                        .roles("RESPONDER", "INVESTIGATOR").build());
    }
}
