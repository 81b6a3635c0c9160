package io.mandate.command.grant;

import io.mandate.command.web.IdempotencyKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrantIdsTest {

    @Test
    void forRequestWhenSamePrincipalAndKeyThenSameId() {
        assertThat(GrantIds.forRequest("admin", IdempotencyKey.parse("k-1")))
                .isEqualTo(GrantIds.forRequest("admin", IdempotencyKey.parse("\"k-1\"")));
    }

    @Test
    void forRequestWhenOtherPrincipalOrKeyThenOtherId() {
        var id = GrantIds.forRequest("admin", IdempotencyKey.parse("k-1"));
        assertThat(GrantIds.forRequest("responder", IdempotencyKey.parse("k-1"))).isNotEqualTo(id);
        assertThat(GrantIds.forRequest("admin", IdempotencyKey.parse("k-2"))).isNotEqualTo(id);
        assertThat(GrantIds.forRequest("admi", IdempotencyKey.parse("nk-1"))).isNotEqualTo(id);
    }

    @Test
    void forRequestWhenNoKeyThenFreshIdEachTime() {
        assertThat(GrantIds.forRequest("admin", null)).isNotEqualTo(GrantIds.forRequest("admin", null));
        assertThat(GrantIds.forRequest("admin", null).value()).startsWith("grt_");
    }
}
