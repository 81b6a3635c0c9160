package io.mandate.command.grant;

import java.time.Instant;

/**
 * How a grant ended, as a revoke command found or made it.
 *
 * @param status  REVOKED or EXPIRED
 * @param by      who revoked it (null for an expiry)
 * @param reason  why (null for an expiry)
 * @param written whether this command wrote the event (false: it had ended before)
 */
record GrantEnding(String status, Instant at, String by, String reason, boolean written) {

    GrantEnding asFoundAgain() {
        return new GrantEnding(status, at, by, reason, false);
    }
}
