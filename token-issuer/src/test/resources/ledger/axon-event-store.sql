-- Axon's event table and global-index sequence exactly as the command-service's Hibernate creates
-- them on PostgreSQL 17 (read from a running stack with \d on 2026-11-28: pg_dump 15 on this
-- machine refuses a 17 server). Idempotent: the test stack's database is shared by several modules.
-- The ledger ITs run it in a schema of their own (search_path), so their rows never mix with others'.
CREATE SEQUENCE IF NOT EXISTS domain_event_entry_seq
    START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;

CREATE TABLE IF NOT EXISTS domain_event_entry (
    global_index         bigint                 NOT NULL,
    event_identifier     character varying(255) NOT NULL,
    meta_data            bytea,
    payload              bytea                  NOT NULL,
    payload_revision     character varying(255),
    payload_type         character varying(255) NOT NULL,
    time_stamp           character varying(255) NOT NULL,
    aggregate_identifier character varying(255) NOT NULL,
    sequence_number      bigint                 NOT NULL,
    type                 character varying(255),
    CONSTRAINT domain_event_entry_pkey PRIMARY KEY (global_index),
    CONSTRAINT uk8s1f994p4la2ipb13me2xqm1w UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT ukfwe6lsa8bfo6hyas6ud3m8c7x UNIQUE (event_identifier)
);
