package dev.banyan.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.temporal.ChronoUnit;

/** A terminal progress bar: count, rate, time left, and the running success rate as its message. */
final class BarProgress implements Progress {
    private final ProgressBar bar;
    private long solved;
    private long judged;

    BarProgress(String label, long total) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" problems", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.MINUTES)
                .setUpdateIntervalMillis(250)
                .build();
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
