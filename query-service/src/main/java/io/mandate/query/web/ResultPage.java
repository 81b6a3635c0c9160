package io.mandate.query.web;

import java.util.List;

/** One page of a result list, with the total number of matches so a client can page on. */
public record ResultPage<T>(List<T> items, long total) {

    public ResultPage {
        items = List.copyOf(items);
    }

    public static <T> ResultPage<T> empty() {
        return new ResultPage<>(List.of(), 0);
    }
}
