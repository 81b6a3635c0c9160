package io.mandate.query.search;

import io.mandate.query.event.EventDocument;

import java.util.List;

/**
 * One page of an event search.
 *
 * @param items the events, in the search's order
 * @param total how many events match in the search's point in time (the same on every page)
 * @param next  the cursor of the next page, or {@code null} when this page is the last
 */
record SearchPage(List<EventDocument> items, long total, String next) {

    SearchPage {
        items = List.copyOf(items);
    }
}
