package io.mandate.query.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query-service started on a random port against the real stack (Kafka, Elasticsearch), with a
 * producer that publishes events as the command side and the token-issuer do, and an HTTP client for
 * its API. A subclass adds its own properties with a {@code @DynamicPropertySource} method of another
 * name (a static method of the same name would hide this one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LiveQueryServiceIT {

    protected static EventProducer producer;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        QueryServiceStack.registerProperties(registry);
    }

    @BeforeAll
    static void startProducer() {
        producer = QueryServiceStack.newProducer();
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    protected ApiClient api() {
        return new ApiClient(port);
    }
}
