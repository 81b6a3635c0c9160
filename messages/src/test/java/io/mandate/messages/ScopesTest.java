package io.mandate.messages;

import io.mandate.messages.grant.Scopes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopesTest {

    @Test
    void parseWhenSpaceDelimitedThenSortedSet() {
        assertThat(Scopes.parse("b  a c").toString()).isEqualTo("a b c");
        assertThat(Scopes.parse(" ").isEmpty()).isTrue();
    }

    @Test
    void isWithinWhenSubsetThenTrueElseFalse() {
        assertThat(Scopes.of("a").isWithin(Scopes.of("a", "b"))).isTrue();
        assertThat(Scopes.of().isWithin(Scopes.of("a"))).isTrue();
        assertThat(Scopes.of("a", "c").isWithin(Scopes.of("a", "b"))).isFalse();
    }

    @Test
    void ofWhenScopeHasForbiddenCharacterThenRejected() {
        assertThatThrownBy(() -> Scopes.of("bad\"scope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scopes.of("bad\\scope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scopes.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
