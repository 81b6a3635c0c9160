package io.mandate.dashboard.security;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import java.time.Clock;

/**
 * Browser sign-in: form login with a session that expires ({@link SessionExpiryFilter}), CSRF
 * protection on every state-changing request (forms carry {@code _csrf}, scripts send the
 * {@code X-CSRF-TOKEN} header from the page's meta tags), and roles: investigators read and export,
 * responders also revoke. The content security policy allows nothing from elsewhere: scripts, styles
 * and the graph library are the dashboard's own files.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain pages(HttpSecurity http, SessionProperties sessions, Clock clock) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(jakarta.servlet.http.HttpServletRequest request,
                                                jakarta.servlet.http.HttpServletResponse response,
                                                org.springframework.security.core.Authentication authentication)
                    throws java.io.IOException, jakarta.servlet.ServletException {
                SessionExpiryFilter.signedIn(request.getSession(), clock.instant());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        signedIn.setDefaultTargetUrl("/");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/revoke/**").hasRole(Roles.RESPONDER)
                        .requestMatchers("/export/**").hasRole(Roles.INVESTIGATOR)
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(Roles.READERS)
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").successHandler(signedIn))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(Customizer.withDefaults())
                .addFilterBefore(new SessionExpiryFilter(sessions, clock), SecurityContextHolderFilter.class)
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
                        .roles(Roles.ADMIN).build(),
                User.withUsername("investigator").password(encoder.encode(properties.investigatorPassword()))
                        .roles(Roles.INVESTIGATOR).build(),
                User.withUsername("responder").password(encoder.encode(properties.responderPassword()))
                        .roles(Roles.RESPONDER, Roles.INVESTIGATOR).build());
    }
}
