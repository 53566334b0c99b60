package dev.banyan.spark;

import dev.banyan.api.Banyan;
import dev.banyan.api.ModelBundle;
import org.apache.spark.SparkFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines of this JVM (an executor, or the driver in local mode): one {@link ModelBundle} per model directory,
 * task, variant and device, opened when the first task needs it and closed when the JVM exits, and over it one
 * {@link Banyan} per search settings. Every task of the executor that runs on the same model and device shares
 * them, so the engine's batcher fills its forward passes with rows of all their searches, and its KV and value
 * caches serve them all.
 */
final class Engines {
    /** Bundles by model; an entry only ever goes from absent to open, and is closed only at exit. */
    private static final Map<BundleKey, ModelBundle> BUNDLES = new ConcurrentHashMap<>();
    /** Searchers over the bundles, by settings and device; closed at exit, before the bundles. */
    private static final Map<EngineKey, Banyan> ENGINES = new ConcurrentHashMap<>();

    /** Goes from false to true once, when the JVM begins to exit. */
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exiting = true;
            closeAll();
        }, "banyan-engines-close"));
    }

    private Engines() {
    }

    private record BundleKey(Path model, String device, String task, String variant) {
    }

    private record EngineKey(SearchSettings settings, String device) {
    }

    /**
     * The searcher for {@code settings} on {@code device} (null: the model's setting, else cpu), opening the models
     * on first use.
     *
     * @throws IllegalArgumentException if the model directory is not found on this machine
     * @throws dev.banyan.api.ModelException if the model directory is not a valid model
     */
    static Banyan get(SearchSettings settings, String device) {
        return ENGINES.computeIfAbsent(new EngineKey(settings, device), key -> {
            Path model = locate(settings.model());
            ModelBundle models = BUNDLES.computeIfAbsent(
                    new BundleKey(model, device, settings.task(), settings.variant()),
                    Engines::open);
            return settings.applyTo(Banyan.builder(), models).build();
        });
    }

    /**
     * Whether this JVM is exiting (its engines are being closed): a search that fails now failed because of that,
     * not because of its problem, and must not be recorded as a failed problem.
     */
    static boolean exiting() {
        return exiting;
    }

    /** Opens the models (on a thread with a large stack, as {@link ModelBundle#open} always does). */
    private static ModelBundle open(BundleKey key) {
        return ModelBundle.open(key.model(), key.device(), key.task(), key.variant());
    }

    /**
     * The model directory on this machine: the path as given, else a directory of that name shipped to the job
     * with {@code --archives} or {@code --files} (unpacked under {@link SparkFiles#getRootDirectory()}).
     */
    static Path locate(String model) {
        Path given = Path.of(model);
        if (Files.isDirectory(given)) {
            return given.toAbsolutePath();
        }
        Path shipped = null;
        try {
            shipped = Path.of(SparkFiles.get(model));
        } catch (RuntimeException e) { // no SparkEnv here: not in a job
        }
        if (shipped != null && Files.isDirectory(shipped)) {
            return shipped;
        }
        throw new IllegalArgumentException("model directory " + model + " not found on this executor (looked at "
                + given.toAbsolutePath() + (shipped == null ? "" : " and " + shipped) + "); give a path every "
                + "executor sees, or ship the directory with --archives model.tgz#NAME and pass --model NAME");
    }

    /** Closes every searcher, then every model; each failure is reported and the rest still closed. */
    static void closeAll() {
        List<AutoCloseable> open = new ArrayList<>(ENGINES.values());
        open.addAll(BUNDLES.values());
        ENGINES.clear();
        BUNDLES.clear();
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("banyan: closing " + closeable + " failed: " + e);
            }
        }
    }
}
