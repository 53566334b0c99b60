package dev.banyan.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;

/**
 * Progress through progressbar: count, rate, time left, and the running success rate as its message. On a
 * terminal a bar redrawn in place; elsewhere (a log, a pipe) the same line printed anew every few seconds.
 */
final class BarProgress implements Progress {
    private static final int LOG_INTERVAL_MILLIS = 5_000;
    /** The bar takes what the rest of the line leaves of this width. */
    private static final int LOG_LINE_WIDTH = 120;

    private final ProgressBar bar;
    private long solved;
    private long judged;

    private BarProgress(ProgressBarBuilder builder) {
        this.bar = builder.build();
    }

    /** A bar redrawn on the terminal's standard error. */
    static BarProgress onTerminal(String label, long total) {
        return new BarProgress(builder(label, total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250));
    }

    /** Plain lines to {@code err}, one every few seconds and one at the end. */
    static BarProgress asLines(String label, long total, PrintWriter err) {
        return new BarProgress(builder(label, total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(new LinePrinter(err), LOG_LINE_WIDTH))
                .setUpdateIntervalMillis(LOG_INTERVAL_MILLIS));
    }

    private static ProgressBarBuilder builder(String label, long total) {
        return new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setUnit(" problems", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.MINUTES);
    }

    /** Prints each rendered line, but not the same line twice running (the last update and the close repeat it). */
    private static final class LinePrinter implements java.util.function.Consumer<String> {
        private final PrintWriter err;
        private String last;

        LinePrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void accept(String line) {
            String stripped = line.strip();
            if (!stripped.equals(last)) {
                last = stripped;
                err.println(stripped);
                err.flush();
            }
        }
    }

    @Override
    public synchronized void done(Boolean solvedOne) {
        if (solvedOne != null) {
            judged++;
            solved += solvedOne ? 1 : 0;
        }
        bar.step();
        bar.setExtraMessage(" " + Progress.successRate(solved, judged));
    }

    @Override
    public synchronized void close() {
        bar.close();
    }
}
