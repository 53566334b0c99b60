package dev.banyan.api;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.TaskRegistry;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a model directory: reads its {@code banyan.json} and opens each model it names. */
final class ModelDirectory {
    static final String ROOT_PROPERTY = "banyan.root";
    /** The stack of the thread that opens models: ample beside what ONNX Runtime needs. */
    private static final long OPENER_STACK_BYTES = 64L << 20;

    private ModelDirectory() {
    }

    /**
     * @param device overrides the {@code device} of {@code banyan.json} when not null
     * @param taskName overrides the {@code task} of {@code banyan.json} when not null
     */
    static ModelBundle open(Path directory, String device, String taskName) {
        return open(directory, device, taskName, null);
    }

    /**
     * @param device overrides the {@code device} of {@code banyan.json} when not null
     * @param taskName overrides the {@code task} of {@code banyan.json} when not null
     * @param variant overrides the policy's {@code variant} of {@code banyan.json} when not null
     */
    static ModelBundle open(Path directory, String device, String taskName, String variant) {
        return open(directory, device, taskName, variant, false);
    }

    /**
     * @param reference run the ONNX models as the ReST-MCTS* code does: one row per forward pass, no KV reuse,
     *                  no value cache
     */
    static ModelBundle open(Path directory, String device, String taskName, String variant, boolean reference) {
        return onLargeStack(() -> openHere(directory, device, taskName, variant, reference), directory);
    }

    /**
     * Runs {@code opening} on a thread of its own with a large stack, and waits for it. ONNX Runtime (1.29, Linux
     * x64) needs between 4 and 8 MB of native stack on the thread that first creates its environment; a pool
     * thread has the JVM's default of 1 MB, and opening models there crashed the whole JVM (a Spark task did).
     */
    private static ModelBundle onLargeStack(java.util.function.Supplier<ModelBundle> opening, Path directory) {
        Object[] opened = new Object[1];
        Thread opener = new Thread(null, () -> {
            try {
                opened[0] = opening.get();
            } catch (Throwable e) {
                opened[0] = e;
            }
        }, "banyan-open-model", OPENER_STACK_BYTES);
        opener.start();
        boolean interrupted = false;
        while (opener.isAlive()) {
            try {
                opener.join();
            } catch (InterruptedException e) {
                interrupted = true; // the models may be half open: wait, so that the caller gets them or the failure
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (opened[0] instanceof RuntimeException e) {
            throw e;
        }
        if (opened[0] instanceof Error e) {
            throw e;
        }
        if (opened[0] instanceof Throwable e) {
            throw new IllegalStateException("cannot open the model directory " + directory + ": " + e, e);
        }
        return (ModelBundle) opened[0];
    }

    private static ModelBundle openHere(Path directory, String device, String taskName, String variant,
                                        boolean reference) {
        ModelConfig config = ModelConfig.read(directory);
        if (reference) {
            config = config.asReference();
        }
        if (device != null) {
            config = config.withDevice(device);
        }
        if (variant != null) {
            config = config.withVariant(variant);
        }
        if (taskName != null) {
            config = config.withTask(taskName);
        }
        Task task;
        try {
            task = TaskRegistry.named(config.task()).create(ChatPrompt.apply(config));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new ModelException(message.startsWith(config.file().toString()) ? message
                    : config.file() + ": \"task\": " + message);
        }
        Part<Policy> policy = ModelConfig.SIMULATED.equals(config.policy())
                ? SimulatedModels.policy(config)
                : OnnxModels.policy(config.component("policy", config.policy()), config);
        Part<StepScorer> scorer;
        try {
            scorer = ModelConfig.SIMULATED.equals(config.prm())
                    ? SimulatedModels.stepScorer(config)
                    : OnnxModels.stepScorer(config.component("prm", config.prm()), config);
        } catch (RuntimeException e) {
            OpenedBundle.closeQuietly(policy, e);
            throw e;
        }
        return new OpenedBundle(config, task, policy, scorer);
    }

    static Path defaultDirectory() {
        Path models = projectRoot().resolve("models");
        Path demo = models.resolve("game24");
        return Files.isDirectory(demo) ? demo : models.resolve("simulated");
    }

    /**
     * The project root: the {@value #ROOT_PROPERTY} system property (the launcher sets it), else the directory
     * two levels above {@code cli/target/} when running from a build, else the current directory.
     */
    static Path projectRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        try {
            Path code = Path.of(ModelDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("models")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException unknownLocation) {
            // fall through to the current directory
        }
        return Path.of("").toAbsolutePath();
    }
}
