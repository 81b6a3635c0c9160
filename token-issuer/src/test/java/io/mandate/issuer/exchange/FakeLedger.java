package io.mandate.issuer.exchange;

import io.mandate.issuer.ledger.AuthorityCheck;
import io.mandate.issuer.ledger.LedgerEntry;
import io.mandate.issuer.ledger.LedgerOutcome;
import io.mandate.issuer.ledger.TokenLedger;
import io.mandate.messages.MandateEvent;
import io.mandate.messages.id.Jti;
import io.mandate.messages.revocation.TokenRevoked;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-memory ledger for unit tests of the rules and endpoints (the real one is tested on
 * PostgreSQL in the ledger package and end to end): it keeps every appended entry, refuses
 * replayed assertion jtis, and answers authority checks with a configurable function.
 */
public class FakeLedger implements TokenLedger {

    private final List<LedgerEntry> entries = new CopyOnWriteArrayList<>();
    private final List<MandateEvent> events = new CopyOnWriteArrayList<>();
    private final Set<String> assertions = new HashSet<>();
    private volatile Function<AuthorityCheck, Optional<LedgerOutcome.Refused>> authority = check -> Optional.empty();

    @Override
    public synchronized CompletableFuture<LedgerOutcome> append(LedgerEntry entry) {
        if (entry.assertion() != null && !assertions.add(entry.assertion().clientId() + ' '
                + entry.assertion().assertionJti())) {
            return CompletableFuture.completedFuture(new LedgerOutcome.AssertionReplayed());
        }
        if (entry.check() != null) {
            Optional<LedgerOutcome.Refused> refused = authority.apply(entry.check());
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(refused.get());
            }
        }
        entries.add(entry);
        events.add(entry.event());
        return CompletableFuture.completedFuture(new LedgerOutcome.Recorded());
    }

    @Override
    public Optional<LedgerOutcome.Refused> check(AuthorityCheck check) {
        return authority.apply(check);
    }

    @Override
    public TokenRevoked revokeToken(Jti jti, String reason, String revokedBy) {
        TokenRevoked revoked = new TokenRevoked(jti, reason, revokedBy, Instant.now());
        events.add(revoked);  // written by the real ledger outside batches, under the exclusive fence
        return revoked;
    }

    public void authority(Function<AuthorityCheck, Optional<LedgerOutcome.Refused>> rule) {
        this.authority = rule;
    }

    public List<MandateEvent> events() {
        return List.copyOf(events);
    }

    public List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public <T extends MandateEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
