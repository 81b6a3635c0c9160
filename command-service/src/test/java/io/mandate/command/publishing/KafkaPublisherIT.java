package io.mandate.command.publishing;

import io.mandate.command.RealStack;
import io.mandate.command.support.GrantsTopic;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import io.mandate.command.support.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaPublisherIT extends RealStack {

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    private final EventCodec codec = new EventCodec();

    @BeforeEach
    void registerClients() {
        TestClients.registerAll(commands);
    }

    @Test
    void publisherWhenStartingWithoutTokenThenPublishesHistoryFromTheFirstEvent() {
        GrantId grantId = GrantId.random();
        commands.sendAndWait(new CreateGrant(grantId, UserId.of("erin"), ClientId.of("mail-agent"), "mail-api",
                Scopes.of("mail.read"), DelegationPolicy.agentOnly(), null, "kafka-publisher-it"));

        try (GrantsTopic topic = new GrantsTopic()) {
            topic.awaitRecords(grantId.value(), 1);
            assertTokenStoredInPostgres();

            // A new publisher against an event store that already has history, as after a fresh
            // deployment or a token loss: it must start at the first event, not skip to the head.
            TrackingEventProcessor publisher = processing
                    .eventProcessor(KafkaPublisher.PROCESSOR, TrackingEventProcessor.class).orElseThrow();
            publisher.shutDown();
            jdbc.update("delete from token_entry where processor_name = ?", KafkaPublisher.PROCESSOR);
            publisher.start();

            List<ConsumerRecord<String, byte[]>> records = topic.awaitRecords(grantId.value(), 2);
            EventEnvelope first = codec.decode(records.get(0).value());
            EventEnvelope again = codec.decode(records.get(1).value());
            // At-least-once: the re-sent event carries the same id and sequence, so consumers deduplicate it.
            assertThat(again.eventId()).isEqualTo(first.eventId());
            assertThat(again.sequence()).isEqualTo(first.sequence()).isZero();
            assertThat(again.payload()).isEqualTo(first.payload());
            assertThat(records.get(1).partition()).isEqualTo(records.get(0).partition());
        }
        assertTokenStoredInPostgres();
    }

    private void assertTokenStoredInPostgres() {
        List<Map<String, Object>> tokens = jdbc.queryForList("""
                select token_type, convert_from(token, 'UTF8') as token
                  from token_entry where processor_name = ?""", KafkaPublisher.PROCESSOR);
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0)).containsEntry("token_type", GapAwareTrackingToken.class.getName());
        assertThat((String) tokens.get(0).get("token")).contains("\"index\":");
    }
}
