package io.mandate.issuer.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.Charset;

/**
 * Hides a request charset that names no usable charset ({@code charset="}, {@code charset=a@b}):
 * Spring MVC decodes the request path with it while writing any response, and would turn the
 * client's mistake into a 500. With the charset hidden, the endpoints see the request as it is —
 * not a proper form — and answer {@code invalid_request} like any other bad Content-Type.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CharsetGuardFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getCharacterEncoding();
        chain.doFilter(encoding == null || isUsable(encoding) ? request : new WithoutCharset(request), response);
    }

    static boolean isUsable(String encoding) {
        try {
            return Charset.isSupported(encoding);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The request with its unusable charset withheld, and its Content-Type marked as not a form. */
    private static final class WithoutCharset extends HttpServletRequestWrapper {

        WithoutCharset(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public String getContentType() {
            return "application/octet-stream";
        }

        @Override
        public String getHeader(String name) {
            return "Content-Type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }
    }
}
