package io.mandate.infra.testkit;

/**
 * Stops and starts one part of the test stack, for fault-injection tests (the projection catching
 * up after Elasticsearch or Kafka was gone). Only offered where this JVM may do it: the local
 * processes (started by the test kit or by the launcher for this run) and Testcontainers; never an
 * external stack a developer or CI pointed the tests at.
 */
public interface StackFaults {

    /** The parts a test can take away. */
    enum Part { KAFKA, ELASTICSEARCH }

    /** Takes the part away: clients get connection failures until {@link #start}. */
    void stop(Part part);

    /** Brings it back on the same address with its data, returning once it answers again. */
    void start(Part part);
}
