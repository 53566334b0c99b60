package dev.banyan.cli;

import java.io.IOException;
import java.nio.file.Path;

/** A separate process that holds the lock on an output until its standard input closes. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (OutputLock lock = OutputLock.onFile(Path.of(args[0]), "--output", "run")) {
            System.out.print("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the parent closes our input
            }
        }
    }
}
