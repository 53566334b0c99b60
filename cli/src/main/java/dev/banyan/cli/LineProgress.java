package dev.banyan.cli;

import java.io.PrintWriter;
import java.time.Duration;

/** Progress as plain lines, for logs: one every few seconds and one at the end. */
final class LineProgress implements Progress {
    private static final long INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final String label;
    private final long total;
    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;
    private long done;
    private long solved;
    private long judged;

    LineProgress(String label, long total, PrintWriter err) {
        this.label = label;
        this.total = total;
        this.err = err;
    }

    @Override
    public synchronized void done(Boolean solvedOne) {
        done++;
        if (solvedOne != null) {
            judged++;
            solved += solvedOne ? 1 : 0;
        }
        long now = System.nanoTime();
        if (now - lastPrintNanos >= INTERVAL_NANOS) {
            lastPrintNanos = now;
            print(now);
        }
    }

    @Override
    public synchronized void close() {
        print(System.nanoTime());
    }

    private void print(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double perMinute = done * 60 / seconds;
        String eta = done == 0 ? "?" : format(Duration.ofSeconds(Math.round((total - done) * seconds / done)));
        err.printf("%s: %d/%d problems, %.1f/min, ETA %s, %s%n", label, done, total, perMinute, eta,
                Progress.successRate(solved, judged));
        err.flush();
    }

    private static String format(Duration duration) {
        long s = duration.getSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
