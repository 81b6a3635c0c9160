package io.mandate.dashboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Ends sessions that were idle too long or are simply too old, before Spring Security reads the
 * signed-in person from them. Kept here rather than in the servlet container, whose session timeout
 * counts whole minutes and knows no maximum age; the clock is injected so tests control time.
 * The live feed's stream does not count as activity: an open home page must not keep a session alive.
 */
final class SessionExpiryFilter extends OncePerRequestFilter {

    static final String LAST_SEEN = SessionExpiryFilter.class.getName() + ".lastSeen";
    static final String STARTED = SessionExpiryFilter.class.getName() + ".started";

    private final SessionProperties properties;
    private final Clock clock;

    SessionExpiryFilter(SessionProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Instant now = clock.instant();
        // Only signed-in sessions expire here (STARTED is set at sign-in); the sign-in page's own session does not.
        if (session != null && session.getAttribute(STARTED) != null) {
            Instant lastSeen = (Instant) session.getAttribute(LAST_SEEN);
            Instant started = (Instant) session.getAttribute(STARTED);
            boolean idle = lastSeen != null && lastSeen.plus(properties.idleTimeout()).isBefore(now);
            boolean old = started != null && started.plus(properties.maxAge()).isBefore(now);
            if (idle || old) {
                session.invalidate();
                expired(request, response);
                return;
            }
            if (!request.getRequestURI().startsWith(request.getContextPath() + "/feed")) {
                session.setAttribute(LAST_SEEN, now);
            }
        }
        chain.doFilter(request, response);
    }

    /** Called at sign-in: the session's lifetime starts now. */
    static void signedIn(HttpSession session, Instant now) {
        session.setAttribute(STARTED, now);
        session.setAttribute(LAST_SEEN, now);
    }

    /** A page request goes to the sign-in page with a sentence; a script's request gets a 401 it can explain. */
    private static void expired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")) {
            response.sendRedirect(request.getContextPath() + "/login?expired");
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"status\":401,\"title\":\"Session expired\","
                    + "\"detail\":\"Your session expired. Reload the page and sign in again.\"}");
        }
    }
}
