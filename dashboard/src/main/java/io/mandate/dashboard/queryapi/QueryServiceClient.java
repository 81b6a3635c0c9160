package io.mandate.dashboard.queryapi;

import io.mandate.dashboard.queryapi.QueryServiceException.Reason;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The dashboard's only way to data: the query-service HTTP API, called with the dashboard's
 * service credential (HTTP Basic, RFC 7617). Every failure becomes a {@link QueryServiceException}.
 */
@Component
public class QueryServiceClient {

    private final RestClient restClient;
    private final QueryServiceProperties properties;

    QueryServiceClient(RestClient.Builder builder, QueryServiceProperties properties) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(properties.connectTimeout());
        requestFactory.setReadTimeout(properties.readTimeout());
        this.properties = properties;
        this.restClient = builder
                .baseUrl(properties.url().toString())
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(properties.username(), properties.password()))
                .build();
    }

    /** Grants, newest first. */
    public GrantPage grants(int page, int size) {
        try {
            GrantPage result = restClient.get()
                    .uri(uri -> uri.path("/api/grants").queryParam("page", page).queryParam("size", size).build())
                    .retrieve()
                    .body(GrantPage.class);
            if (result == null) {
                throw new QueryServiceException(Reason.FAILED, "the query-service answered with no body", null);
            }
            return result;
        } catch (ResourceAccessException e) {
            throw new QueryServiceException(Reason.UNREACHABLE,
                    "no answer from the query-service at " + properties.url() + ": " + e.getMessage(), e);
        } catch (RestClientResponseException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            Reason reason = status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN
                    ? Reason.CREDENTIALS_REFUSED : Reason.FAILED;
            throw new QueryServiceException(reason, "the query-service answered " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            throw new QueryServiceException(Reason.FAILED, "unreadable answer from the query-service: " + e.getMessage(), e);
        }
    }
}
