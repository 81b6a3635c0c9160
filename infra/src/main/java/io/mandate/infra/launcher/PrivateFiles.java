package io.mandate.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read (mode 600, in a folder of mode 700): the demo IdP's private key and
 * the demo clients' secrets. The content is written to a file that is owner-only from its creation and
 * then moved into place, so no reader ever sees a partial file or a moment of wider permissions.
 */
final class PrivateFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private PrivateFiles() {
    }

    /**
     * Writes {@code file} unless it exists.
     *
     * @return false when it existed already (written by an earlier, or a concurrent, call): left untouched
     */
    static boolean createOnce(Path file, String content) {
        Path written = staged(file, content);
        try {
            // A hard link, not a rename: link(2) refuses an existing name atomically, rename(2) would replace it.
            Files.createLink(file, written);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            delete(written);
        }
    }

    /** Writes {@code file}, replacing what was there. */
    static void replace(Path file, String content) {
        Path written = staged(file, content);
        try {
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            delete(written);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The folder, created owner-only if missing (an existing folder keeps its permissions). */
    static Path folder(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, OWNER_ONLY_FOLDER);
            }
            return folder;
        } catch (FileAlreadyExistsException e) {
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }

    private static Path staged(Path file, String content) {
        try {
            Path staged = Files.createTempFile(folder(file.getParent()), "." + file.getFileName(), ".tmp", OWNER_ONLY_FILE);
            Files.writeString(staged, content, StandardCharsets.UTF_8);
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void delete(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException ignored) {
            // a stray temporary file in a private folder; the next write does not depend on it
        }
    }
}
