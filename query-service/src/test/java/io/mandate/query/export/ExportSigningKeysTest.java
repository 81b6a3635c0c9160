package io.mandate.query.export;

import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class ExportSigningKeysTest {

    @TempDir
    Path folder;

    @Test
    void firstStartWhenNoKeyThenGeneratedOwnerOnlyAndPublishedWithoutItsPrivatePart() throws Exception {
        Path keys = folder.resolve("export-keys");

        ExportSigningKeys signing = new ExportSigningKeys(properties(keys), Clock.systemUTC());

        Path active = keys.resolve(ExportSigningKeys.ACTIVE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(active))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(signing.signingKey().isPrivate()).isTrue();
        assertThat(signing.signingKey().getKeyID()).isEqualTo(signing.signingKey().computeThumbprint().toString());
        assertThat(signing.publicKeys().getKeys()).singleElement()
                .satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void restartWhenTheKeyExistsThenTheSameKeySoEarlierManifestsStillVerify() {
        ECKey first = new ExportSigningKeys(properties(folder), Clock.systemUTC()).signingKey();

        ECKey second = new ExportSigningKeys(properties(folder), Clock.systemUTC()).signingKey();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void rotationWhenTheActiveKeyIsRetiredThenANewKeySignsAndBothArePublished() throws Exception {
        ECKey old = new ExportSigningKeys(properties(folder), Clock.systemUTC()).signingKey();
        Files.createDirectories(folder.resolve(ExportSigningKeys.RETIRED));
        Files.move(folder.resolve(ExportSigningKeys.ACTIVE), folder.resolve("retired/" + old.getKeyID() + ".jwk"));

        ExportSigningKeys rotated = new ExportSigningKeys(properties(folder), Clock.systemUTC());

        assertThat(rotated.signingKey().getKeyID()).isNotEqualTo(old.getKeyID());
        assertThat(rotated.publicKeys().getKeys()).extracting(key -> key.getKeyID())
                .containsExactly(rotated.signingKey().getKeyID(), old.getKeyID());
        assertThat(rotated.publicKeys().getKeys()).noneMatch(key -> key.isPrivate());
    }

    private static ExportProperties properties(Path keys) {
        return new ExportProperties(keys, 100, "test");
    }
}
