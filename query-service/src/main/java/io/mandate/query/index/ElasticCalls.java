package io.mandate.query.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.mandate.query.web.BackendUnavailableException;

import java.io.IOException;

/**
 * The read side's one answer to failures, for reads that do not fit {@link IndexReader}'s get and
 * page (multi-gets, aggregations, scans): a missing index is the given empty answer (nothing
 * indexed yet), an unreachable Elasticsearch a {@link BackendUnavailableException}.
 */
public final class ElasticCalls {

    private ElasticCalls() {
    }

    /** One Elasticsearch request. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws IOException;
    }

    /**
     * @param what         names what is read, for the failure message (never document content)
     * @param whenNoIndex  the answer while the index does not exist yet
     */
    public static <T> T read(String what, Call<T> call, T whenNoIndex) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            if (ElasticsearchErrors.isMissingIndex(e)) {
                return whenNoIndex;
            }
            throw e;
        } catch (IOException e) {
            throw new BackendUnavailableException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }
}
