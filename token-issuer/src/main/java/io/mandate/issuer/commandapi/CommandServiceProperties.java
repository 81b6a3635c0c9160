package io.mandate.issuer.commandapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * Where the command-service's API is and how the authorization server authenticates to it: the
 * bootstrap service user {@code authorization-server} (role AUTHORIZATION_SERVER: create a grant a
 * user consented to, withdraw a user's own grant; nothing else).
 *
 * @param url      {@code MANDATE_COMMAND_SERVICE_URL}, default http://127.0.0.1:8081
 * @param password {@code MANDATE_SECURITY_AUTHORIZATION_SERVER_PASSWORD}, the same value the command-service has
 */
@ConfigurationProperties("mandate.issuer.command-service")
public record CommandServiceProperties(URI url, String username, String password, Duration timeout) {

    public CommandServiceProperties {
        url = url == null ? URI.create("http://127.0.0.1:8081") : url;
        username = username == null || username.isBlank() ? "authorization-server" : username;
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("mandate.issuer.command-service.password must be set");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    @Override
    public String toString() {
        return "CommandServiceProperties[url=" + url + ", username=" + username + ", password hidden]";
    }
}
