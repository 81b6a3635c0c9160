package io.mandate.command.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeyTest {

    @Test
    void parseWhenKeyHasSpacesOrIsTooLongThenRejectedNamingHeader() {
        assertThat(IdempotencyKey.parse(null)).isNull();
        assertThatThrownBy(() -> IdempotencyKey.parse("two words"))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
        assertThatThrownBy(() -> IdempotencyKey.parse("x".repeat(256))).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> IdempotencyKey.parse("\"\"")).isInstanceOf(InvalidFieldException.class);
    }
}
