package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How records are chained. A record's {@code hash} is the lowercase hex SHA-256 of the UTF-8
 * bytes of the RFC 8785 canonical form of the record without its {@code hash} member (so it covers
 * {@code position} and {@code prevHash}); each record's {@code prevHash} is the previous record's
 * {@code hash}; the first record's {@code prevHash} is the export's genesis, the SHA-256 of the
 * canonical form of the export's parameters {@code {exportId, range:{from,to}, filters}}, which ties
 * the records to one export: they cannot be moved into another one.
 */
public final class HashChain {

    /** Names written into the manifest, so a reader knows how the hashes were made. */
    public static final String CANONICALIZATION = "RFC8785";
    public static final String HASH_ALGORITHM = "SHA-256";

    private HashChain() {
    }

    /** The genesis of an export with these parameters (see {@link Manifest#parameters()}). */
    public static String genesis(JsonNode parameters) {
        return Sha256.hex(Jcs.canonicalize(parameters));
    }

    /** The canonical form of {@code record}, which must not hold a {@code hash} member. */
    public static String canonicalForm(ObjectNode record) {
        if (record.has(Column.HASH.member())) {
            throw new IllegalArgumentException("a record is hashed without its hash member");
        }
        return Jcs.canonicalize(record);
    }

    public static String hashOf(ObjectNode record) {
        return Sha256.hex(canonicalForm(record));
    }
}
