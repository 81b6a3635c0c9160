package io.mandate.query.web;

/** How the list endpoints read their optional filter parameters. */
public final class FilterParameters {

    private FilterParameters() {
    }

    /**
     * A blank filter ({@code ?userId=}, as a form with an empty field sends it) filters nothing,
     * like an absent one, rather than matching documents with an empty value.
     */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
