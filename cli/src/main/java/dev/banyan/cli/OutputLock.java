package dev.banyan.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An exclusive lock on an output for the life of a command: {@code .OUT.lock} beside an output file, or
 * {@value #DIRECTORY_LOCK} inside an output directory. The lock is the operating system's ({@code fcntl}
 * through {@link FileChannel#tryLock()}), so it is released when the process ends, however it ends: a crash
 * leaves no stale lock. The file names its holder (process id, command, start time) for the message a second
 * run prints; it is emptied, not deleted, when the holder is done (deleting a lock file races with a run that
 * has just opened it), so a run leaves a small hidden file behind.
 *
 * <p>POSIX locks belong to the process, and closing any descriptor of the file releases them all. So the lock
 * file is opened once per process: locks held by this process are also kept in {@link #HELD}, which is asked
 * before the file is opened, and the file is never read through another descriptor while locked.
 */
final class OutputLock implements AutoCloseable {
    static final String DIRECTORY_LOCK = ".banyan.lock";
    /** The lock files this process holds, by absolute path, with their holder's description. */
    private static final ConcurrentMap<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of an output file: {@code .OUT.lock} beside it. */
    static Path fileFor(Path output) {
        return Outputs.parentOf(output).resolve("." + output.getFileName() + ".lock");
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
        Path key = lockFile.toAbsolutePath().normalize();
        String holder = "pid " + ProcessHandle.current().pid() + ", banyan " + command + ", started "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String earlier = HELD.putIfAbsent(key, holder);
        if (earlier != null) {
            throw inUse(what, earlier, lockFile);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(what, holderOf(channel), lockFile);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new OutputLock(key, channel, lock);
        } catch (IOException e) {
            HELD.remove(key);
            closeQuietly(channel);
            throw new UserError("cannot lock " + what + " (" + lockFile + "): " + IoErrors.reason(e));
        } catch (RuntimeException e) {
            HELD.remove(key);
            closeQuietly(channel);
            throw e;
        }
    }

    private static UserError inUse(String what, String holder, Path lockFile) {
        return new UserError(what + " is in use by another run (" + holder + "); wait for it to finish, or choose "
                + "another output. (The lock is " + lockFile + "; it is released when that process ends.)");
    }

    /** The holder's description, as it wrote it. */
    private static String holderOf(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "a process that is starting" : text;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** Empties the lock file (it no longer names a holder), then releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // a stale description is harmless: the lock itself is what counts
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(file);
    }
}
