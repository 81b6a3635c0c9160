package io.mandate.issuer.web;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The few server-rendered pages of the authorization server (login, consent, the user's grants,
 * errors): plain HTML, every value escaped here, no script, a small inline style. Kept tiny on
 * purpose: a template engine would be one more thing to configure for four pages.
 */
public final class Html {

    private static final String STYLE = """
            body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
            h1{font-size:1.4rem}fieldset{border:1px solid #ccc;border-radius:.4rem;margin:1rem 0;padding:.5rem 1rem}
            label{display:block;margin:.3rem 0}input[type=text],input[type=password],select{font:inherit;padding:.3rem}
            button{font:inherit;padding:.4rem 1rem;margin-right:.5rem}.error{color:#a00000;font-weight:bold}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}
            .muted{color:#555}""";

    private Html() {
    }

    /** Escapes text for an element's content or a double-quoted attribute. */
    public static String escape(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value.toString(), "UTF-8");
    }

    /** A hidden CSRF field (every form carries one; Spring Security checks it). */
    public static String csrf(CsrfToken token) {
        return token == null ? "" : "<input type=\"hidden\" name=\"" + escape(token.getParameterName()) + "\" value=\""
                + escape(token.getToken()) + "\">";
    }

    /** A complete page; {@code body} must already be escaped HTML. Never cached: it may carry CSRF tokens. */
    public static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · Mandate</title><style>" + STYLE + "</style></head>"
                + "<body><main>" + body + "</main></body></html>";
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }

    /** Writes a page straight to the servlet response (for filters, which have no MVC return value). */
    public static void write(ResponseEntity<String> page, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        response.setStatus(page.getStatusCode().value());
        page.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.getWriter().write(page.getBody() == null ? "" : page.getBody());
        response.flushBuffer();
    }

    /** An error page for what cannot be sent back to a client (RFC 6749 §4.1.2.1: no valid redirect URI). */
    public static ResponseEntity<String> error(HttpStatus status, String title, String message) {
        return page(status, title, "<h1>" + escape(title) + "</h1><p class=\"error\" role=\"alert\">" + escape(message)
                + "</p>");
    }
}
