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
 * alias is absent. Tried once at start-up (so queries find empty indices) and again before
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
