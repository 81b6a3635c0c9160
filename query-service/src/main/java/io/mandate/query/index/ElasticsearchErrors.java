package io.mandate.query.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;

/** How the read side classifies Elasticsearch failures. */
public final class ElasticsearchErrors {

    private ElasticsearchErrors() {
    }

    /** Nothing was ever indexed (or the indices are being created): an empty answer, not an error. */
    public static boolean isMissingIndex(ElasticsearchException e) {
        return e.error() != null && "index_not_found_exception".equals(e.error().type());
    }
}
