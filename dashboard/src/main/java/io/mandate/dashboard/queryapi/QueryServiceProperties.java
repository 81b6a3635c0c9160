package io.mandate.dashboard.queryapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the query-service is ({@code MANDATE_QUERY_SERVICE_URL}) and the dashboard's two service
 * credentials: the read-only one ({@code MANDATE_DASHBOARD_QUERY_SERVICE_USERNAME} / {@code _PASSWORD},
 * an INVESTIGATOR there) and the responder one ({@code MANDATE_DASHBOARD_QUERY_SERVICE_RESPONDER_USERNAME}
 * / {@code _PASSWORD}, a RESPONDER there), used only for people signed in as responders.
 *
 * @param exportTimeout how long an export may stream before the dashboard gives up on it
 */
@ConfigurationProperties("mandate.dashboard.query-service")
public record QueryServiceProperties(@DefaultValue("http://127.0.0.1:8083") URI url,
                                     @DefaultValue("investigator") String username,
                                     @DefaultValue("mandate-investigator") String password,
                                     @DefaultValue("responder") String responderUsername,
                                     @DefaultValue("mandate-responder") String responderPassword,
                                     @DefaultValue("2s") Duration connectTimeout,
                                     @DefaultValue("5s") Duration readTimeout,
                                     @DefaultValue("30s") Duration actionTimeout,
                                     @DefaultValue("10m") Duration exportTimeout) {

    @Override
    public String toString() {
        return "QueryServiceProperties[url=" + url + ", username=" + username + ", responderUsername="
                + responderUsername + ", passwords hidden]";
    }
}
