package io.mandate.query.index;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of the indices this service creates (env {@code MANDATE_ELASTICSEARCH_SHARDS} / {@code _REPLICAS}). */
@ConfigurationProperties("mandate.query.elasticsearch")
record IndexProperties(@DefaultValue("1") int numberOfShards, @DefaultValue("0") int numberOfReplicas) {
}
