package io.mandate.issuer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * The issuer identifier (RFC 8414 §2): the value of every token's {@code iss} and the base of the
 * endpoint URLs this server advertises.
 *
 * @param url {@code mandate.issuer.url}, env {@code MANDATE_ISSUER_URL}
 */
@ConfigurationProperties("mandate.issuer")
public record IssuerProperties(URI url) {

    public IssuerProperties {
        if (url == null) {
            url = URI.create("http://127.0.0.1:8082");
        }
        // RFC 8414 §2: an absolute http(s) URL without query or fragment; checked at start-up so
        // a typo fails fast instead of producing tokens no resource server accepts.
        if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("mandate.issuer.url must be an absolute http(s) URL without query or fragment");
        }
    }

    /** An endpoint URL under the issuer, e.g. {@code endpoint("/oauth2/token")}. */
    public String endpoint(String path) {
        String base = url.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
