package io.mandate.messages.wire;

import java.util.List;

/**
 * Kafka topics Mandate publishes to. Every record is keyed by its aggregate id, so all events
 * of one grant (or client, or token lineage) land on one partition, in order. Partition counts
 * and the reasons are in docs/events.md; the local launcher creates these up front.
 */
public final class Topics {

    public static final String GRANTS = "mandate.grants";
    public static final String CLIENTS = "mandate.clients";
    public static final String TOKENS = "mandate.tokens";
    public static final String REVOCATIONS = "mandate.revocations";
    public static final String KEYS = "mandate.keys";

    /** Default partition count for the local stack; production sizes it per topic. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static final List<String> ALL = List.of(GRANTS, CLIENTS, TOKENS, REVOCATIONS, KEYS);

    private Topics() {
    }
}
