package io.mandate.command.client;

import io.mandate.command.web.InvalidFieldException;
import io.mandate.messages.client.SoftwareStatementRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Which software statement vouched for a dynamic registration, as the token-issuer verified it: its
 * issuer and software id. Never the statement: the command side records the reference only.
 */
record SoftwareStatementBody(@NotBlank @Size(max = 2048) String issuer,
                             @Size(max = 255) String softwareId,
                             @Size(max = 255) String softwareVersion) {

    SoftwareStatementRef toRef() {
        try {
            return new SoftwareStatementRef(issuer, softwareId, softwareVersion);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("softwareStatement", e.getMessage());
        }
    }
}
