package io.mandate.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Creates every {@link IndexDefinition}'s index with its explicit mapping and alias when the
 * alias is absent, and otherwise puts the mapping onto the existing index: fields added to a
 * mapping (additive changes) reach an index created by an older release without a new index
 * version; a changed field type is refused by Elasticsearch, which is the signal that the
 * definition's version must be bumped and the new index filled by replay. Tried once at start-up (so queries find empty indices) and again before
 * each write until it succeeds, so the service starts even while Elasticsearch is still down.
 */
@Component
public class IndexInitializer {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);

    private final ElasticsearchClient client;
    private final List<IndexDefinition> definitions;
    private final IndexProperties properties;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean ready;

    IndexInitializer(ElasticsearchClient client, List<IndexDefinition> definitions, IndexProperties properties) {
        this.client = client;
        this.definitions = List.copyOf(definitions);
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createAtStartUp() {
        try {
            ensureIndices();
        } catch (IOException | RuntimeException e) {
            log.warn("Elasticsearch indices not ready at start-up ({}); retrying before the first write",
                    e.getMessage());
        }
    }

    /** Idempotent and cheap once done; concurrent service instances may race, which is harmless. */
    public void ensureIndices() throws IOException {
        if (ready) {
            return;
        }
        for (IndexDefinition definition : definitions) {
            ensure(definition);
        }
        ready = true;
    }

    private void ensure(IndexDefinition definition) throws IOException {
        if (client.indices().exists(request -> request.index(definition.alias())).value()) {
            putMapping(definition);
            return;
        }
        String body = createBody(definition);
        try {
            client.indices().create(request -> request.withJson(new StringReader(body)).index(definition.indexName()));
            log.info("Created Elasticsearch index {} behind alias {}", definition.indexName(), definition.alias());
        } catch (ElasticsearchException e) {
            // Another instance created it between our check and our create.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private void putMapping(IndexDefinition definition) {
        String mapping = readMapping(definition.mappingResource()).toString();
        try {
            client.indices().putMapping(request -> request.withJson(new StringReader(mapping)).index(definition.alias()));
        } catch (ElasticsearchException e) {
            // Ingest stays blocked (retried) rather than writing documents the mapping would misread.
            log.error("The mapping of {} is not an additive change of the existing index {}; bump its version ({})",
                    definition.mappingResource(), definition.alias(), e.error().type());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String createBody(IndexDefinition definition) {
        ObjectNode body = json.createObjectNode();
        body.putObject("settings")
                .put("number_of_shards", properties.numberOfShards())
                .put("number_of_replicas", properties.numberOfReplicas());
        body.set("mappings", readMapping(definition.mappingResource()));
        body.putObject("aliases").putObject(definition.alias()).put("is_write_index", true);
        return body.toString();
    }

    private ObjectNode readMapping(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index mapping " + resource, e);
        }
    }
}
