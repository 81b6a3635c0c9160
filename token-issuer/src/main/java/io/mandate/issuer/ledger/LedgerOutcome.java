package io.mandate.issuer.ledger;

import java.util.Objects;

/** What became of an appended entry once its batch committed. */
public sealed interface LedgerOutcome {

    /** The event is durably in the event store. */
    record Recorded() implements LedgerOutcome {
    }

    /** The store holds a revocation the token's facts fall under: nothing was written. */
    record Refused(Grain grain, String reason) implements LedgerOutcome {

        public Refused {
            Objects.requireNonNull(grain, "grain");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The client assertion was used before (RFC 7523 §3, {@code jti}): nothing was written. */
    record AssertionReplayed() implements LedgerOutcome {
    }

    LedgerOutcome RECORDED = new Recorded();
    LedgerOutcome ASSERTION_REPLAYED = new AssertionReplayed();
}
