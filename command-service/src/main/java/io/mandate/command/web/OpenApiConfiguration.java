package io.mandate.command.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}: every operation needs HTTP Basic (RFC 7617) for now. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Mandate command-service", version = "0.1",
                description = "Administrative commands; every state change becomes an event in the event store."),
        security = @SecurityRequirement(name = OpenApiConfiguration.BASIC))
@SecurityScheme(name = OpenApiConfiguration.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfiguration {

    static final String BASIC = "basic";
}
