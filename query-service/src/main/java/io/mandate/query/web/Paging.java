package io.mandate.query.web;

/**
 * A validated page position. Elasticsearch refuses {@code from + size} beyond its result window
 * (10,000 by default); deeper reading is what search_after / point-in-time endpoints are for.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;
    static final int MAX_WINDOW = 10_000;

    public Paging {
        if (page < 0) {
            throw new InvalidParameterException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidParameterException("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size + size > MAX_WINDOW) {
            throw new InvalidParameterException("page",
                    "reaches past the first " + MAX_WINDOW + " results; narrow the filters instead");
        }
    }

    public int from() {
        return page * size;
    }
}
