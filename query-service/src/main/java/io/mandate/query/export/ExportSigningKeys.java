package io.mandate.query.export;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The key that signs export manifests (EC P-256, ES256) and the public keys a verifier trusts.
 *
 * <p>{@code <keyDirectory>/active.jwk} holds the private key as a JWK (RFC 7517), owner-only (mode
 * 600); it is generated at the first start and loaded at every later one, so a restart never makes an
 * earlier manifest unverifiable. Rotation: move {@code active.jwk} to {@code retired/<kid>.jwk} and
 * restart; a new key is generated and the retired one is still published at the JWKS endpoint (only
 * its public part). Several instances must share the folder (or the same mounted secret), otherwise
 * each would sign with a key the others do not publish.
 */
@Component
class ExportSigningKeys {

    private static final Logger log = LoggerFactory.getLogger(ExportSigningKeys.class);
    static final String ACTIVE = "active.jwk";
    static final String RETIRED = "retired";

    private final ECKey signingKey;
    private final JWKSet publicKeys;

    ExportSigningKeys(ExportProperties properties, Clock clock) {
        Path folder = properties.keyDirectory().toAbsolutePath();
        Path active = folder.resolve(ACTIVE);
        if (!Files.exists(active)) {
            createOnce(folder, active, generate(clock));
        }
        this.signingKey = loadPrivate(active);
        List<JWK> keys = new ArrayList<>();
        keys.add(signingKey.toPublicJWK());
        keys.addAll(loadRetired(folder.resolve(RETIRED), signingKey.getKeyID()));
        this.publicKeys = new JWKSet(keys);
        log.info("Export manifests are signed with key {} from {}; {} key(s) published", signingKey.getKeyID(),
                active, keys.size());
    }

    ECKey signingKey() {
        return signingKey;
    }

    /** Public keys only: the active one first, then the retired ones. */
    JWKSet publicKeys() {
        return publicKeys;
    }

    private static ECKey generate(Clock clock) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(clock.instant())).generate();
            // kid = the RFC 7638 thumbprint: stable, and tied to the key material itself.
            return new ECKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the export signing key", e);
        }
    }

    /** Written owner-only from its creation; a concurrent instance that wrote first wins (hard link, no replace). */
    private static void createOnce(Path folder, Path active, ECKey key) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                restrict(folder, "rwx------");
            }
            Path staged = Files.createTempFile(folder, ".active", ".tmp");
            try {
                restrict(staged, "rw-------");
                Files.writeString(staged, key.toJSONString(), StandardCharsets.UTF_8);
                Files.createLink(active, staged);
                log.info("Generated the export signing key {} at {}", key.getKeyID(), active);
            } catch (FileAlreadyExistsException e) {
                log.info("Another instance created {} first; using it", active);
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the export signing key at " + active, e);
        }
    }

    private static ECKey loadPrivate(Path active) {
        warnIfReadableByOthers(active);
        try {
            JWK jwk = JWK.parse(Files.readString(active, StandardCharsets.UTF_8));
            if (!(jwk instanceof ECKey key) || !key.isPrivate() || !Curve.P_256.equals(key.getCurve())
                    || key.getKeyID() == null) {
                throw new IllegalStateException(active + " must hold a private EC P-256 JWK with a kid");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export signing key " + active, e);
        } catch (ParseException e) {
            throw new IllegalStateException(active + " is not a JWK: " + e.getMessage(), e);
        }
    }

    private static List<JWK> loadRetired(Path retired, String activeKid) {
        List<JWK> keys = new ArrayList<>();
        if (!Files.isDirectory(retired)) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(retired, "*.jwk")) {
            for (Path file : files) {
                JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (jwk.getKeyID() == null || jwk.getKeyID().equals(activeKid)) {
                    log.warn("Ignoring retired export key {}: no kid, or the active key's", file);
                    continue;
                }
                keys.add(jwk.toPublicJWK());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the retired export keys in " + retired, e);
        } catch (ParseException e) {
            throw new IllegalStateException("a retired export key in " + retired + " is not a JWK", e);
        }
        return keys;
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: protect the folder by the platform's own means.
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("The export signing key {} is readable by others ({}); chmod 600 it",
                        file, PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // nothing to check on a non-POSIX file system
        }
    }
}
