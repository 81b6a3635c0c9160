package io.mandate.issuer.ledger;

import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.mandate.issuer.ledger.LedgerTestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's values: what they accept, and what they compute. */
class LedgerValuesTest {

    @Test
    void jtiHashWhenAssertionThenBase64UrlSha256OfClientSpaceJti() throws Exception {
        AssertionUse use = new AssertionUse("agent", "a-1", T0);
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest("agent a-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(use.jtiHash()).isEqualTo(expected).hasSize(43).doesNotContain("=", "+", "/");
        assertThat(new AssertionUse("other", "a-1", T0).jtiHash()).as("per client").isNotEqualTo(expected);
    }

    @Test
    void ledgerEntryWhenCommandSideEventThenRejected() {
        GrantCreated grant = new GrantCreated(GrantId.of("grt_1"), UserId.of("alice"), ClientId.of("agent"),
                "https://calendar.example", Scopes.parse("calendar.read"),
                new DelegationPolicy(null, null, 1, null), null, "admin", T0);
        assertThatThrownBy(() -> LedgerEntry.of(grant)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authorityCheckWhenListsGivenThenCopiedAndLineageOptional() {
        List<ActorSince> actors = new java.util.ArrayList<>(List.of(new ActorSince(ClientId.of("agent"), T0)));
        AuthorityCheck check = new AuthorityCheck(GrantId.of("grt_1"), T0, UserId.of("alice"), ClientId.of("agent"),
                actors, null);
        actors.clear();
        assertThat(check.actors()).hasSize(1);
        assertThat(check.lineage()).isEmpty();
    }

    @Test
    void propertiesWhenNothingSetThenDefaultsThatRun() {
        LedgerProperties defaults = LedgerProperties.defaults();
        assertThat(defaults.queueCapacity()).isEqualTo(16_384);
        assertThat(defaults.batchSize()).isEqualTo(512);
        assertThat(defaults.writers()).isEqualTo(1);
        assertThat(defaults.assertionPurgeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.assertionRetention()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void propertiesWhenNotPositiveThenRefusedAtStartUp() {
        assertThatThrownBy(() -> LedgerProperties.defaults().withWriters(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writers");
        assertThatThrownBy(() -> new LedgerProperties(null, 0, null, null, null, null, null))
                .hasMessageContaining("batch-size");
    }
}
