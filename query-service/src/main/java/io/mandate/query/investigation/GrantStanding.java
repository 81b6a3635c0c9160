package io.mandate.query.investigation;

import io.mandate.query.grant.GrantDocument;
import io.mandate.query.token.Standing;

import java.util.List;

/**
 * A grant with its status now: unlike the grant document's own {@code status}, this includes the
 * user's and the agent's watermarks, which revoke the grant before the command side's cascade
 * writes its {@code GrantRevoked}.
 */
public record GrantStanding(GrantDocument grant, Standing standing) {

    /** Some grants, and how many there are in all. */
    public record Page(List<GrantStanding> items, long total) {
    }
}
