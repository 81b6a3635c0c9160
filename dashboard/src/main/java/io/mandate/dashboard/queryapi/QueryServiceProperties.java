package io.mandate.dashboard.queryapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the query-service is ({@code MANDATE_QUERY_SERVICE_URL}) and the service credential the
 * dashboard reads it with ({@code MANDATE_DASHBOARD_QUERY_SERVICE_USERNAME} / {@code _PASSWORD}).
 */
@ConfigurationProperties("mandate.dashboard.query-service")
public record QueryServiceProperties(@DefaultValue("http://127.0.0.1:8083") URI url,
                                     @DefaultValue("investigator") String username,
                                     @DefaultValue("mandate-investigator") String password,
                                     @DefaultValue("2s") Duration connectTimeout,
                                     @DefaultValue("5s") Duration readTimeout) {

    @Override
    public String toString() {
        return "QueryServiceProperties[url=" + url + ", username=" + username + ", password hidden]";
    }
}
