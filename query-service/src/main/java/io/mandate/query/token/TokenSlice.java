package io.mandate.query.token;

import java.util.List;

/** Some of the tokens matching a query, and how many match in all ({@code total} may exceed {@code items}). */
public record TokenSlice(List<TokenDocument> items, long total) {

    public TokenSlice {
        items = List.copyOf(items);
    }

    public boolean isComplete() {
        return items.size() >= total;
    }
}
