package dev.banyan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Checks made on every output before any work starts, and the one way whole files are written. A command
 * never writes over one of its own inputs, never mixes two outputs in one file, and never replaces earlier
 * results unless told to ({@code --force}); a file it writes whole appears whole or not at all.
 */
final class Outputs {
    private Outputs() {
    }

    /** Whether {@code a} and {@code b} name the same file (by the file system where both exist, else by path). */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Fails when {@code output} is the same file as {@code other}: no command writes over its own input. */
    static void requireDistinct(Path output, String outputWhat, Path other, String otherWhat) {
        if (other != null && sameFile(output, other)) {
            throw new UserError(outputWhat + " " + output + " is the same file as " + otherWhat + " " + other
                    + "; writing it would destroy " + (otherWhat.startsWith("--") ? "the input" : "that file")
                    + ": choose another " + outputWhat);
        }
    }

    /**
     * Fails unless a new file can be written at {@code file}: not a directory, absent or empty (or
     * {@code replace}), and under a directory that exists or can be made and is writable.
     *
     * @param what the option or role for messages, e.g. {@code --output}
     * @param ifNotEmpty what to do instead, said when the file already holds data
     */
    static void requireFreshFile(Path file, String what, boolean replace, String ifNotEmpty) {
        if (Files.isDirectory(file)) {
            throw new UserError(what + " " + file + " is a directory; give a file name");
        }
        try {
            if (!replace && Files.exists(file) && Files.size(file) > 0) {
                throw new UserError(what + " " + file + " already exists and is not empty; " + ifNotEmpty);
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " " + file + ": " + IoErrors.reason(e));
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UserError("cannot write " + what + " " + file + ": permission denied");
        }
        requireWritableDirectory(parentOf(file), what + " " + file);
    }

    /**
     * Fails unless {@code directory} exists (or could be made) as a directory this process may write in;
     * creates nothing.
     */
    static void requireWritableDirectory(Path directory, String what) {
        Path at = directory.toAbsolutePath().normalize();
        while (at != null && !Files.exists(at)) {
            at = at.getParent();
        }
        if (at == null) {
            throw new UserError("cannot write " + what + ": no part of " + directory + " exists");
        }
        if (!Files.isDirectory(at)) {
            throw new UserError("cannot write " + what + ": " + at + " is a file, not a directory");
        }
        if (!Files.isWritable(at)) {
            throw new UserError("cannot write " + what + ": permission denied on the directory " + at);
        }
    }

    /** Makes {@code directory} and its parents; the message says why when it cannot. */
    static void createDirectories(Path directory, String what) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UserError("cannot create " + what + " " + directory + ": " + IoErrors.reason(e));
        }
    }

    /**
     * Writes {@code text} to {@code file} through a temporary file in the same directory and a rename, so the
     * file is either the old one or the whole new one, never half written.
     */
    static void writeAtomically(Path file, String text) {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path file, byte[] bytes) {
        Path directory = parentOf(file);
        createDirectories(directory, "the directory of");
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + IoErrors.reason(e));
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the rename normally consumed it
                }
            }
        }
    }

    static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null ? parent : file.toAbsolutePath();
    }
}
