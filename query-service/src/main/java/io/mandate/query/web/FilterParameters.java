package io.mandate.query.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

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

    /**
     * An instant parameter: ISO-8601 with {@code Z} or an offset ({@code 2026-11-28T10:15:30Z},
     * {@code 2026-11-28T11:15:30+01:00}); {@code null} when absent or blank. A date or a time without an
     * offset is refused, being ambiguous.
     *
     * @throws InvalidParameterException naming the parameter when it is not such an instant
     */
    public static Instant instant(String parameter, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter,
                    "must be an ISO-8601 instant with an offset, e.g. 2026-11-28T10:15:30Z");
        }
    }
}
