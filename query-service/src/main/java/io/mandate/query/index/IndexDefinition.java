package io.mandate.query.index;

import java.util.Objects;

/**
 * An Elasticsearch index a feature owns. Readers and writers only ever use {@link #alias()};
 * the concrete index is {@code <alias>-v<version>}, so a changed mapping can be filled by
 * replaying Kafka into {@code -v(n+1)} and swapping the alias, without {@code _reindex}
 * (which the local Elasticsearch lacks).
 *
 * @param alias           the stable name, e.g. {@code mandate-grants}
 * @param version         the mapping version, bumped with every incompatible mapping change
 * @param mappingResource classpath resource holding the {@code mappings} JSON object
 */
public record IndexDefinition(String alias, int version, String mappingResource) {

    public IndexDefinition {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(mappingResource, "mappingResource");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
    }

    public String indexName() {
        return alias + "-v" + version;
    }
}
