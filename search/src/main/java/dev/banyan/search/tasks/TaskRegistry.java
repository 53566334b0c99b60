package dev.banyan.search.tasks;

import dev.banyan.search.Task;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every task on the class path, by name: the one place a task name is looked up. Tasks are found with
 * {@link ServiceLoader}, so a jar that lists its own {@link TaskProvider} adds a task without any change here.
 */
public final class TaskRegistry {
    private TaskRegistry() {
    }

    /** The provider called {@code name}; throws {@link IllegalArgumentException} listing the known names. */
    public static TaskProvider named(String name) {
        TaskProvider provider = Loaded.PROVIDERS.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + String.join(", ", names()));
        }
        return provider;
    }

    /** The task called {@code name} with its default settings. */
    public static Task task(String name) {
        TaskProvider provider = named(name);
        return provider.create(TaskSettings.empty("the task " + name));
    }

    /** Every known task name, sorted. */
    public static List<String> names() {
        return List.copyOf(Loaded.PROVIDERS.keySet());
    }

    /** Every provider, sorted by name. */
    public static List<TaskProvider> providers() {
        return List.copyOf(Loaded.PROVIDERS.values());
    }

    /**
     * The problems of a built-in data set named {@code input} ({@code NAME} or {@code NAME:SPEC}), or empty
     * when no task ships a data set of that name (then {@code input} is a file).
     */
    public static Optional<List<Problem>> builtInData(String input) {
        int colon = input.indexOf(':');
        TaskProvider provider = Loaded.PROVIDERS.get(colon < 0 ? input : input.substring(0, colon));
        if (provider == null || provider.builtInDataUsage().isEmpty()) {
            return Optional.empty();
        }
        return provider.builtInData(colon < 0 ? null : input.substring(colon + 1));
    }

    /** Loaded on first use; a duplicate name is a packaging error worth failing on. */
    private static final class Loaded {
        static final Map<String, TaskProvider> PROVIDERS = load();

        private static Map<String, TaskProvider> load() {
            Map<String, TaskProvider> byName = new TreeMap<>();
            for (TaskProvider provider : ServiceLoader.load(TaskProvider.class, TaskRegistry.class.getClassLoader())) {
                TaskProvider earlier = byName.putIfAbsent(provider.name(), provider);
                if (earlier != null) {
                    throw new IllegalStateException("two tasks are named '" + provider.name() + "': "
                            + earlier.getClass().getName() + " and " + provider.getClass().getName());
                }
            }
            return Collections.unmodifiableMap(byName);
        }
    }
}
