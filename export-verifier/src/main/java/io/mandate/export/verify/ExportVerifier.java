package io.mandate.export.verify;

import com.nimbusds.jose.jwk.JWKSet;
import io.mandate.export.format.HashChain;
import io.mandate.export.format.Jcs;
import io.mandate.export.format.Manifest;
import io.mandate.export.format.ManifestJws;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks an export offline: the manifest's signature against a trusted JWKS, then every record's
 * hash and link in file order, then the count and last hash against the manifest. Reports the
 * first problem by line; memory stays constant (a broken chain costs one more pass over the file
 * to tell a reordering from a removal or an insertion).
 */
public final class ExportVerifier {

    public Verdict verify(Path file, JWKSet trustedKeys) throws IOException {
        Layout layout = Layout.of(file);
        Manifest manifest = null;
        String genesis = null;
        if (layout.manifest != null) {
            try {
                manifest = ManifestJws.verify(layout.manifest, trustedKeys);
            } catch (ManifestJws.InvalidManifestException e) {
                return Verdict.invalid(layout.manifestLine, e.getMessage(), 0, null);
            }
            genesis = HashChain.genesis(manifest.parameters());
            if (!genesis.equals(manifest.genesis())) {
                return Verdict.invalid(layout.manifestLine, "the manifest's genesis does not match its own parameters",
                        0, manifest);
            }
        }
        Chain chain = new Chain(genesis);
        try (ExportReader reader = ExportReader.open(file)) {
            for (ExportReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                if (entry.kind() == ExportReader.Kind.MANIFEST && entry.line() == layout.manifestLine) {
                    continue;
                }
                if (entry.line() > layout.manifestLine && layout.manifest != null) {
                    return Verdict.invalid(entry.line(), "content after the manifest", chain.count, manifest);
                }
                String problem = entry.kind() == ExportReader.Kind.MALFORMED ? entry.problem()
                        : entry.kind() == ExportReader.Kind.MANIFEST ? "a second manifest" : null;
                if (problem != null) {
                    return Verdict.invalid(entry.line(), problem, chain.count, manifest);
                }
                Verdict broken = check(file, entry, chain, manifest);
                if (broken != null) {
                    return broken;
                }
            }
        }
        if (manifest == null) {
            return Verdict.invalid(layout.lastLine + 1, "no manifest: the export ends after " + chain.count
                    + " records (truncated, or its manifest was removed)", chain.count, null);
        }
        if (chain.count != manifest.count()) {
            String what = chain.count < manifest.count()
                    ? (manifest.count() - chain.count) + " records are missing at the end (truncated)"
                    : (chain.count - manifest.count()) + " records more than were signed";
            return Verdict.invalid(layout.manifestLine, "the manifest counts " + manifest.count()
                    + " records, the file holds " + chain.count + ": " + what, chain.count, manifest);
        }
        if (!chain.hash.equals(manifest.lastHash())) {
            return Verdict.invalid(layout.manifestLine, "the last record's hash is not the manifest's lastHash: "
                    + "records were altered and the whole chain recomputed", chain.count, manifest);
        }
        return Verdict.valid(chain.count, manifest);
    }

    private static Verdict check(Path file, ExportReader.Entry entry, Chain chain, Manifest manifest)
            throws IOException {
        String actual;
        try {
            actual = HashChain.hashOf(entry.record());
        } catch (Jcs.NotCanonicalizableException e) {
            return Verdict.invalid(entry.line(), "malformed record: " + e.getMessage(), chain.count, manifest);
        }
        if (!actual.equals(entry.hash())) {
            return Verdict.invalid(entry.line(), "record altered: its content does not match its hash"
                    + describe(entry), chain.count, manifest);
        }
        if (chain.hash == null) {
            // Without a manifest there is no genesis: the first record's link is taken as given.
            chain.hash = entry.prevHash();
        }
        if (!entry.prevHash().equals(chain.hash)) {
            ChainBreak.Finding finding = ChainBreak.explain(file, entry, chain);
            return Verdict.invalid(finding.line(), finding.message(), chain.count, manifest);
        }
        if (entry.position() != chain.count + 1) {
            String what = entry.position() > chain.count + 1
                    ? (entry.position() - chain.count - 1) + " record(s) removed before this line (record #"
                    + (chain.count + 1) + " is missing) and the chain recomputed"
                    : "record #" + entry.position() + " where #" + (chain.count + 1)
                    + " was expected: the chain was recomputed";
            return Verdict.invalid(entry.line(), what, chain.count, manifest);
        }
        if (chain.count == 0 && manifest != null && !actual.equals(manifest.firstHash())) {
            return Verdict.invalid(entry.line(), "the first record is not the one the manifest signed: "
                    + "the chain was recomputed" + describe(entry), chain.count, manifest);
        }
        chain.advance(entry.line(), actual);
        return null;
    }

    static String describe(ExportReader.Entry entry) {
        return " (record #" + entry.position() + ", event " + entry.record().path("eventId").asText("?") + ")";
    }

    /** Where the chain stands: the last valid record and the one before it. */
    static final class Chain {
        long count;
        String hash;
        int line;
        String previousHash;
        int previousLine;

        Chain(String genesis) {
            this.hash = genesis;
        }

        void advance(int newLine, String newHash) {
            previousHash = hash;
            previousLine = line;
            hash = newHash;
            line = newLine;
            count++;
        }
    }

    /** Where the manifest is (the first one) and where the file ends. */
    private record Layout(String manifest, int manifestLine, int lastLine) {

        static Layout of(Path file) throws IOException {
            String manifest = null;
            int manifestLine = Integer.MAX_VALUE;
            int lastLine = 0;
            try (ExportReader reader = ExportReader.open(file, false)) {
                for (ExportReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                    lastLine = entry.line();
                    if (entry.kind() == ExportReader.Kind.MANIFEST && manifest == null) {
                        manifest = entry.manifest();
                        manifestLine = entry.line();
                    }
                }
            }
            return new Layout(manifest, manifestLine, lastLine);
        }
    }
}
