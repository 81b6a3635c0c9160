package io.mandate.query.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void fromWhenThirdPageOfTwentyThenForty() {
        assertThat(new Paging(2, 20).from()).isEqualTo(40);
    }

    @Test
    void newWhenPageNegativeThenInvalidPage() {
        assertThatThrownBy(() -> new Paging(-1, 20))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("page"));
    }

    @Test
    void newWhenSizeAboveMaximumThenInvalidSize() {
        assertThatThrownBy(() -> new Paging(0, Paging.MAX_SIZE + 1))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("size"));
    }

    @Test
    void newWhenPastTheResultWindowThenInvalidPage() {
        assertThat(new Paging(99, 100).from()).isEqualTo(9_900);
        assertThatThrownBy(() -> new Paging(100, 100))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("page"));
    }
}
