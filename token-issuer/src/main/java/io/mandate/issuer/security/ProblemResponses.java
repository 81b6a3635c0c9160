package io.mandate.issuer.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/**
 * RFC 9457 problem responses for 401 and 403, which Spring Security writes before any
 * controller advice can: clients of the admin API get one error shape everywhere.
 */
final class ProblemResponses {

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, exception) -> {
            // RFC 9110 §11.6.1: a 401 names the scheme to use.
            response.setHeader("WWW-Authenticate", "Basic realm=\"mandate\"");
            write(request, response, HttpStatus.UNAUTHORIZED, "Authentication is required");
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, exception) ->
                write(request, response, HttpStatus.FORBIDDEN, "Your role does not allow this request");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
