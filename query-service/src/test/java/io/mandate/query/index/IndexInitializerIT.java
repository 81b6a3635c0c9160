package io.mandate.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.mandate.infra.testkit.TestStack;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping evolution on the real Elasticsearch: added fields reach an existing index, changed ones are refused. */
class IndexInitializerIT {

    private static RestClient restClient;
    private static ElasticsearchClient client;

    @BeforeAll
    static void connect() {
        restClient = RestClient.builder(HttpHost.create(TestStack.get().elasticsearchUrl())).build();
        client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void disconnect() throws IOException {
        restClient.close();
    }

    @Test
    void ensureIndicesWhenMappingGainedFieldsThenExistingIndexGetsThemAndKeepsItsVersion() throws IOException {
        String alias = "it-mapping-" + UUID.randomUUID();
        initializer(new IndexDefinition(alias, 1, "elasticsearch-it/mapping-v1.json")).ensureIndices();

        initializer(new IndexDefinition(alias, 1, "elasticsearch-it/mapping-v1-additive.json")).ensureIndices();

        Map<String, Property> properties = client.indices().getMapping(get -> get.index(alias))
                .get(alias + "-v1").mappings().properties();
        assertThat(properties).containsKeys("id", "revokedAt");
        assertThat(properties.get("revokedAt").isDate()).isTrue();
    }

    @Test
    void ensureIndicesWhenFieldTypeChangedThenRefusedSoTheVersionMustBeBumped() throws IOException {
        String alias = "it-mapping-" + UUID.randomUUID();
        initializer(new IndexDefinition(alias, 1, "elasticsearch-it/mapping-v1.json")).ensureIndices();
        IndexInitializer changed = initializer(new IndexDefinition(alias, 1, "elasticsearch-it/mapping-v1-changed-type.json"));

        assertThatThrownBy(changed::ensureIndices).isInstanceOf(ElasticsearchException.class);
        assertThat(client.indices().getMapping(get -> get.index(alias)).get(alias + "-v1").mappings()
                .properties().get("id").isKeyword()).isTrue();
    }

    private static IndexInitializer initializer(IndexDefinition definition) {
        return new IndexInitializer(client, List.of(definition), new IndexProperties(1, 0));
    }
}
