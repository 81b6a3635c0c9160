package io.mandate.issuer.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The lean path of {@code POST /oauth2/token}, the hot path of every agent call (issue #8): the
 * request goes straight to {@link TokenEndpoint} and its answer (or {@link TokenEndpointErrors}'
 * RFC 6749 §5.2 error) is written here, without the Spring Security filter chain or MVC dispatch
 * behind this filter. Neither decides anything for this endpoint: its security chain permits
 * every request (client authentication is the endpoint's own, RFC 6749 §2.3) and keeps no
 * session; the JFR profile showed the two costing a large share of each request's CPU.
 *
 * <p>What the skipped parts did is kept: {@link io.mandate.issuer.web.CharsetGuardFilter} runs
 * before this filter (it is ordered first); only the exact path is taken — no path parameters,
 * encoded or doubled slashes, or other spellings the security firewall would judge (those, and
 * every other method, still go the ordinary way to the same controller); the headers the
 * security chain adds to every answer are written (with the endpoint's own {@code no-store}).
 * Requests are timed by {@link TokenRequestMetrics}. Registered by {@link TokenRequestPath}.
 */
class TokenRequestFilter extends OncePerRequestFilter {

    /** What Spring Security's default header writers add; the endpoint sets Cache-Control and Pragma itself. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "X-Frame-Options", "DENY");

    private final TokenEndpoint endpoint;
    private final TokenEndpointErrors errors;
    private final ObjectMapper json;
    private final TokenRequestMetrics metrics;

    TokenRequestFilter(TokenEndpoint endpoint, TokenEndpointErrors errors, ObjectMapper json, TokenRequestMetrics metrics) {
        this.endpoint = endpoint;
        this.errors = errors;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isTokenRequest(request);
    }

    /** POST on exactly {@code /oauth2/token}: what this filter answers. */
    static boolean isTokenRequest(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getContextPath().isEmpty()
                && TokenEndpoint.PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        ResponseEntity<?> answer;
        try {
            answer = endpoint.token(request);
        } catch (OAuth2ErrorException e) {
            answer = errors.oauth2Error(e);
        } catch (RuntimeException e) {
            answer = errors.unexpected(e);
        }
        write(answer, response);
        metrics.record(answer.getStatusCode().value(), System.nanoTime() - started);
    }

    private void write(ResponseEntity<?> answer, HttpServletResponse response) throws IOException {
        byte[] body = json.writeValueAsBytes(answer.getBody());
        response.setStatus(answer.getStatusCode().value());
        for (Map.Entry<String, List<String>> header : answer.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        SECURITY_HEADERS.forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
