package dev.banyan.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An exclusive lock on an output for the life of a command: {@code OUT.lock} beside an output file, or
 * {@value #DIRECTORY_LOCK} inside an output directory. The lock is the operating system's ({@code fcntl}
 * through {@link FileChannel#tryLock()}), so it is released when the process ends, however it ends: a crash
 * leaves no stale lock, only, at worst, the file, which the next run takes over. The file names its holder
 * (process id, command, start time) for the message a second run prints.
 *
 * <p>The holder deletes the file when done. A run that opened the file just before that deletion may lock the
 * unlinked file; it finds out by reading its own token back through the path, and tries again.
 */
final class OutputLock implements AutoCloseable {
    static final String SUFFIX = ".lock";
    static final String DIRECTORY_LOCK = ".banyan.lock";
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of an output file: {@code OUT.lock} beside it. */
    static Path fileFor(Path output) {
        return Outputs.parentOf(output).resolve(output.getFileName() + SUFFIX);
    }

    /** Locks the output file {@code output}; {@code what} names it in messages, e.g. {@code --output}. */
    static OutputLock onFile(Path output, String what, String command) {
        Outputs.createDirectories(Outputs.parentOf(output), "the directory of " + what);
        return acquire(fileFor(output), what + " " + output, command);
    }

    /** Locks the output directory {@code directory}, making it first if needed. */
    static OutputLock onDirectory(Path directory, String what, String command) {
        Outputs.createDirectories(directory, what);
        return acquire(directory.resolve(DIRECTORY_LOCK), what + " " + directory, command);
    }

    private static OutputLock acquire(Path lockFile, String what, String command) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UserError("cannot lock " + what + ": cannot create " + lockFile + ": " + IoErrors.reason(e));
            }
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by this very process, through another channel
                }
                if (lock == null) {
                    String holder = holderOf(channel);
                    channel.close();
                    throw new UserError(what + " is in use by another run (" + holder + "); wait for it to finish, "
                            + "or choose another output. (The lock is " + lockFile + "; it is released when that "
                            + "process ends.)");
                }
                String token = "pid " + ProcessHandle.current().pid() + ", banyan " + command + ", started "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " [" + UUID.randomUUID() + "]\n";
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                if (token.equals(readPath(lockFile))) {
                    return new OutputLock(lockFile, channel, lock);
                }
                lock.release();
                channel.close();
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UserError("cannot lock " + what + " (" + lockFile + "): " + IoErrors.reason(e));
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }
        throw new UserError("cannot lock " + what + ": " + lockFile + " keeps being replaced by other runs");
    }

    /** The holder's own description, without its token. */
    private static String holderOf(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        int token = text.indexOf(" [");
        text = token >= 0 ? text.substring(0, token) : text;
        return text.isEmpty() ? "a process that is starting" : text;
    }

    private static String readPath(Path lockFile) {
        try {
            return Files.readString(lockFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** Deletes the lock file while still holding it, then releases it. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a lock file left behind is harmless: the next run takes it over
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
