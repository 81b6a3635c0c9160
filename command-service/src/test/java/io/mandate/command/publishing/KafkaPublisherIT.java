package io.mandate.command.publishing;

import io.mandate.command.RealStack;
import io.mandate.command.support.GrantsTopic;
import io.mandate.messages.grant.CreateGrant;
import io.mandate.messages.grant.DelegationPolicy;
import io.mandate.messages.grant.Scopes;
import io.mandate.messages.id.ClientId;
import io.mandate.messages.id.GrantId;
import io.mandate.messages.id.UserId;
import io.mandate.messages.id.Jti;
import io.mandate.messages.token.TokenExchanged;
import io.mandate.messages.grant.GrantCreated;
import io.mandate.messages.grant.GrantOrigin;
import io.mandate.messages.wire.AxonEventRows;
import io.mandate.messages.wire.EventCodec;
import io.mandate.messages.wire.EventEnvelope;
import io.mandate.messages.wire.SharedEventStore;
import io.mandate.messages.wire.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.TrackingEventProcessor;
import io.mandate.command.support.TestClients;
import io.mandate.command.support.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaPublisherIT extends RealStack {

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

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

    @Test
    void publisherWhenTokenEventInTheStoreThenPublishedOnTheTokensTopicKeyedByItsGrant() {
        // As the token-issuer appends it: a one-event stream issued:<jti> of type TokenLedger.
        GrantId grantId = GrantId.random();
        Instant issuedAt = Instant.parse("2026-11-28T10:00:00.123Z");
        TokenExchanged exchanged = new TokenExchanged(Jti.of("jti-" + UUID.randomUUID()), null, List.of(), grantId,
                UserId.of("erin"), ClientId.of("mail-agent"), List.of(ClientId.of("mail-agent")), "mail-api",
                Scopes.of("mail.read"), "https://idp.example", "subject-jti", "kid-1", issuedAt, issuedAt.plusSeconds(300));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>(SharedEventStore.TOKEN_LEDGER_TYPE, exchanged.aggregateId(), 0, exchanged)));

        try (TopicRecords topic = new TopicRecords(Topics.TOKENS)) {
            List<ConsumerRecord<String, byte[]>> records = topic.awaitRecords(grantId.value(), 1);
            assertThat(records).hasSize(1);
            EventEnvelope envelope = codec.decode(records.get(0).value());
            assertThat(envelope.aggregateId()).isEqualTo(exchanged.aggregateId()).isNotEqualTo(records.get(0).key());
            assertThat(envelope.type()).isEqualTo("TokenExchanged");
            assertThat(envelope.payload()).isEqualTo(exchanged);
            // The stored payload is forwarded, not decoded and re-encoded: the record must still be byte for
            // byte what encoding the decoded event makes.
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(new String(codec.encode(
                    EventEnvelope.wrap(envelope.eventId(), 0, envelope.occurredAt(), exchanged)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void publisherSerializerWhenComparedThenIsTheEventStoresOwn() {
        // Axon hands over the stored bytes only when asked with the very serializer that read them; with any
        // other it would deserialise and serialise the payload, the cost forwarding exists to avoid.
        assertThat(((AbstractEventStorageEngine) storageEngine).getEventSerializer()).isSameAs(eventSerializer);
    }

    @Test
    void publisherWhenPayloadStoredAtAnOlderRevisionThenPublishesItAtTheCurrentOne() throws Exception {
        // A GrantCreated row as revision 1 stored it (no origin): the publisher may not forward it as it is, since
        // the envelope names the catalogue's revision; it decodes and re-encodes it.
        GrantId grantId = GrantId.random();
        String revisionOne = """
                {"grantId":"%s","userId":"erin","agentId":"mail-agent","audience":"mail-api","scopes":["mail.read"],
                 "policy":{"allowedNextClients":[],"allowedNextKinds":[],"maxDepth":1,"approvalScopes":[]},
                 "createdBy":"kafka-publisher-it","createdAt":"2026-11-28T12:00:00Z"}""".formatted(grantId.value());
        AxonEventRows.Row row = new AxonEventRows.Row(UUID.randomUUID().toString(), grantId.value(), "Grant",
                GrantCreated.class.getName(), "1", revisionOne.getBytes(StandardCharsets.UTF_8), 0);
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            assertThat(AxonEventRows.insert(connection, List.of(row), Instant.now())).containsExactly(row.eventIdentifier());
        }

        try (GrantsTopic topic = new GrantsTopic()) {
            ConsumerRecord<String, byte[]> record = topic.awaitRecords(grantId.value(), 1).get(0);
            EventEnvelope envelope = codec.decode(record.value());
            assertThat(envelope.revision()).isEqualTo(GrantCreated.REVISION);
            assertThat(((GrantCreated) envelope.payload()).origin()).isEqualTo(GrantOrigin.ADMIN);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"origin\":\"ADMIN\"");
        }
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
