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
