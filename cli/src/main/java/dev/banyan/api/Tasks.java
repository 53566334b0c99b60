package dev.banyan.api;

import dev.banyan.search.Task;
import dev.banyan.search.game24.Game24Task;

import java.util.List;

/** The tasks this version knows, by the name a model directory or a saved tree gives them. */
public final class Tasks {
    /** Every name {@link #named} accepts. */
    public static final List<String> NAMES = List.of("game24");

    private Tasks() {
    }

    /** The task called {@code name}; throws {@link IllegalArgumentException} listing the known names. */
    public static Task named(String name) {
        if ("game24".equals(name)) {
            return new Game24Task();
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; this version knows " + String.join(", ", NAMES));
    }
}
