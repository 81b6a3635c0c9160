package io.mandate.query.action;

import io.mandate.query.client.ClientDocument;
import io.mandate.query.grant.GrantDocument;
import io.mandate.query.grant.GrantStatus;
import io.mandate.query.grant.GrantsIndex;
import io.mandate.query.index.IndexReader;
import io.mandate.query.investigation.Target;
import io.mandate.query.token.StandingFactsReader;
import io.mandate.query.token.TokenDocument;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether this query-service already shows the revocation (read-your-writes for the responder
 * who next opens the chain or the agent view): the grant document REVOKED or EXPIRED, the client's
 * watermark, the user's {@code UserRevoked} or the token's {@code TokenRevoked} in the events index.
 */
@Component
class QuerySideProbe implements EffectProbe {

    static final String WHERE = "query-service";

    private final IndexReader reader;
    private final StandingFactsReader facts;

    QuerySideProbe(IndexReader reader, StandingFactsReader facts) {
        this.reader = reader;
        this.facts = facts;
    }

    @Override
    public String where() {
        return WHERE;
    }

    @Override
    public Confirmation check(Target target, Recorded recorded, TokenDocument token) {
        return switch (target.kind()) {
            case GRANT -> {
                Optional<GrantStatus> status = reader.find(GrantsIndex.DEFINITION.alias(), target.id(),
                        GrantDocument.class, "grant").map(GrantDocument::status);
                yield status.filter(s -> s != GrantStatus.ACTIVE).isPresent() ? Confirmation.yes(WHERE)
                        : Confirmation.no(WHERE, "grant status " + status.map(Enum::name).orElse("unknown"));
            }
            case AGENT -> atLeast(Optional.ofNullable(facts.clients(List.of(target.id())).get(target.id()))
                    .map(ClientDocument::revokedAt), recorded.at(), "client watermark");
            case USER -> atLeast(facts.userWatermark(target.id()), recorded.at(), "UserRevoked");
            case TOKEN -> facts.tokenRevokedAt(target.id()).isPresent() ? Confirmation.yes(WHERE)
                    : Confirmation.no(WHERE, "no TokenRevoked indexed yet");
        };
    }

    private static Confirmation atLeast(Optional<Instant> shown, Instant expected, String what) {
        if (shown.isEmpty()) {
            return Confirmation.no(WHERE, "no " + what + " indexed yet");
        }
        return expected == null || !shown.get().isBefore(expected) ? Confirmation.yes(WHERE)
                : Confirmation.no(WHERE, what + " " + shown.get() + " is before " + expected);
    }
}
