package io.mandate.command.client;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an administrator changes a client's lifecycle; recorded in the event. */
record ReasonRequest(@NotBlank @Size(max = ClientRules.MAX_REASON) String reason) {
}
