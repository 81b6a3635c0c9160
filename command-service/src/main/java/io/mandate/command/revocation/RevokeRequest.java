package io.mandate.command.revocation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of every {@code POST /api/revocations/...}: why, recorded in the event. */
record RevokeRequest(@NotBlank @Size(max = RevokeRequest.MAX_REASON) String reason) {

    static final int MAX_REASON = 500;
}
