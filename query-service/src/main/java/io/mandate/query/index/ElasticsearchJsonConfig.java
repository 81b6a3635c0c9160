package io.mandate.query.index;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mandate.messages.wire.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents go to Elasticsearch with Mandate's message JSON settings (ISO-8601 instants,
 * tolerant reads), so a stored payload looks exactly like the event on the wire.
 * Boot's client auto-configuration picks this mapper up instead of its own.
 */
@Configuration
class ElasticsearchJsonConfig {

    @Bean
    JacksonJsonpMapper jacksonJsonpMapper() {
        return new JacksonJsonpMapper(EventCodec.newObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL));
    }
}
