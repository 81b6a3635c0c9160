package io.mandate.command;

import io.mandate.infra.testkit.TestStack;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port against the real PostgreSQL
 * and Kafka of {@link TestStack}. One base class, so every test class shares one cached Spring
 * context and so one {@code kafka-publisher} processor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RealStack {

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
