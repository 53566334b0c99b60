package dev.banyan.cli;

import java.io.PrintWriter;

/** Problems done, their rate, the time left and the running success rate, on standard error. */
interface Progress extends AutoCloseable {

    /**
     * A progress bar when standard error is a terminal, else a plain line every few seconds.
     *
     * @param label what is running, e.g. {@code run} or {@code mcts-star@2000}
     * @param total problems to do
     * @param err where plain lines go
     */
    static Progress start(String label, long total, PrintWriter err) {
        return System.console() != null ? BarProgress.onTerminal(label, total) : BarProgress.asLines(label, total, err);
    }

    /** One more problem is done; {@code solved} is its verdict (null when unknown). */
    void done(Boolean solved);

    @Override
    void close();

    /** {@code solved 12/20 (60.0%)}, counting only problems with a known verdict. */
    static String successRate(long solved, long judged) {
        return judged == 0 ? "solved -" : String.format("solved %d/%d (%.1f%%)", solved, judged, 100.0 * solved / judged);
    }
}
