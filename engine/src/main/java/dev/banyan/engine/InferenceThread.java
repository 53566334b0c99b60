package dev.banyan.engine;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/** Runs a model's duty cycle on its own daemon thread, or leaves it to the caller (tests drive it by hand). */
final class InferenceThread implements AutoCloseable {
    private final Agent loop;
    /** Null when the caller drives the loop. */
    private final AgentRunner runner;

    private InferenceThread(Agent loop, AgentRunner runner) {
        this.loop = loop;
        this.runner = runner;
    }

    /** Starts {@code loop} on a daemon thread named after its role and the model directory. */
    static InferenceThread start(Agent loop, Path modelDirectory) {
        // Spin a little, then yield, then park up to 0.2 ms: a new request waits at most that long.
        BackoffIdleStrategy idle = new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MICROSECONDS.toNanos(200));
        AgentRunner runner = new AgentRunner(idle, Throwable::printStackTrace, null, loop);
        AgentRunner.startOnThread(runner, task -> {
            Thread thread = new Thread(task, loop.roleName() + "-" + modelDirectory.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        return new InferenceThread(loop, runner);
    }

    /** No thread: the caller runs {@code loop.doWork()} itself. */
    static InferenceThread callerDriven(Agent loop) {
        return new InferenceThread(loop, null);
    }

    /** Stops the thread, which closes the loop; a caller-driven loop is closed here. */
    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        } else {
            loop.onClose();
        }
    }
}
