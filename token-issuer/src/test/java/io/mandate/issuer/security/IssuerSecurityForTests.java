package io.mandate.issuer.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The production security configuration for {@code @WebMvcTest} slices in other packages
 * (slices do not pick up {@code @Configuration} classes, and this one is package-private).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
public class IssuerSecurityForTests {
}
