package io.mandate.query.action;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where revocation actions are forwarded and confirmed ({@code mandate.query.actions}).
 *
 * @param commandService the command-service, and the service credential (a RESPONDER there) the
 *                       query-service revokes with
 * @param issuers        every token-issuer whose projection must confirm a revocation, and the
 *                       ADMIN credential of their {@code /internal} views
 * @param effectTimeout  how long a revocation call waits for the issuers and the query side
 * @param pollInterval   how often they are asked meanwhile
 * @param requestTimeout the timeout of each HTTP call to another service
 */
@ConfigurationProperties("mandate.query.actions")
public record ActionProperties(@DefaultValue CommandService commandService,
                               @DefaultValue Issuers issuers,
                               @DefaultValue("10s") Duration effectTimeout,
                               @DefaultValue("100ms") Duration pollInterval,
                               @DefaultValue("5s") Duration requestTimeout) {

    public record CommandService(@DefaultValue("http://127.0.0.1:8081") URI url,
                                 @DefaultValue("responder") String username,
                                 @DefaultValue("mandate-responder") String password) {

        @Override
        public String toString() {
            return "CommandService[url=" + url + ", username=" + username + ", password hidden]";
        }
    }

    public record Issuers(@DefaultValue("http://127.0.0.1:8082") List<URI> urls,
                          @DefaultValue("admin") String username,
                          @DefaultValue("mandate-admin") String password) {

        @Override
        public String toString() {
            return "Issuers[urls=" + urls + ", username=" + username + ", password hidden]";
        }
    }
}
