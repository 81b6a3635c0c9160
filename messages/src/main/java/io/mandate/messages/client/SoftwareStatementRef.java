package io.mandate.messages.client;

import java.util.Objects;

/**
 * Which software statement (RFC 7591 §2.3) vouched for a dynamically registered client: its issuer
 * and the software it names, never the statement itself (a signed JWT that may carry more than the
 * audit needs).
 *
 * @param issuer          the statement's {@code iss}: the trusted software-statement issuer
 * @param softwareId      the statement's {@code software_id} (RFC 7591 §2), null when it named none
 * @param softwareVersion the statement's {@code software_version}, null when absent
 */
public record SoftwareStatementRef(String issuer, String softwareId, String softwareVersion) {

    public SoftwareStatementRef {
        Objects.requireNonNull(issuer, "issuer");
        if (issuer.isBlank() || issuer.length() > 2048) {
            throw new IllegalArgumentException("issuer must be 1 to 2048 characters");
        }
        if (softwareId != null && (softwareId.isBlank() || softwareId.length() > 255)) {
            throw new IllegalArgumentException("softwareId must be 1 to 255 characters");
        }
        if (softwareVersion != null && softwareVersion.length() > 255) {
            throw new IllegalArgumentException("softwareVersion must be at most 255 characters");
        }
    }
}
