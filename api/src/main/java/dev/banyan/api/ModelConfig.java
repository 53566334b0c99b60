package dev.banyan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.banyan.prm.PrmConfig;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.tasks.KnownKeys;
import dev.banyan.search.tasks.StrictJson;
import dev.banyan.search.tasks.TaskSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A model directory's {@code banyan.json}, checked.
 *
 * @param directory the model directory
 * @param file its {@code banyan.json}
 * @param task the task's name
 * @param taskSettings the task's settings ({@code "taskSettings"}); empty when not given
 * @param policy the policy's sub-directory, or {@value #SIMULATED}
 * @param prm the reward model's sub-directory, or {@value #SIMULATED}
 * @param prmStyle how the reward model reads steps (e.g. {@code step-tag}); null when not given
 * @param onnx the ONNX engines' settings: sampling, variants, batch limits, cache, threads
 * @param device where the ONNX models run: {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param defaults the search settings shipped with the models
 * @param simulated the simulated models' tunables; empty when not given
 */
record ModelConfig(Path directory, Path file, String task, TaskSettings taskSettings, String policy, String prm,
                   String prmStyle, OnnxSettings onnx, String device, SearchDefaults defaults,
                   TaskSettings simulated) {
    static final String FILE_NAME = "banyan.json";
    static final String SIMULATED = "simulated";
    private static final ObjectMapper JSON = StrictJson.builder().build();

    static ModelConfig read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ModelException("model directory " + directory + " does not exist or is not a directory");
        }
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelException(directory + " is not a model directory: it has no " + FILE_NAME);
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ModelException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + (e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied" : e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                    : e.getMessage()), e);
        }
        if (!root.isObject()) {
            throw new ModelException(file + " must hold a JSON object");
        }
        Checks check = new Checks(file, root);
        Written written;
        try {
            written = StrictJson.bind(JSON, root, Written.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ModelException(KnownKeys.unknown(file.toString(), "key", e.getPropertyName(),
                    e.getKnownPropertyIds().stream().map(Object::toString).toList()));
        } catch (JsonMappingException e) {
            throw check.bad(StrictJson.key(e), expected(StrictJson.targetType(e)), StrictJson.value(root, e));
        }
        return written.checked(directory, check);
    }

    /**
     * {@code banyan.json} as written, bound by Jackson: its keys are these components, any other is an error (a
     * misspelt key must not be silently ignored); a key not given, or null, is null here.
     */
    private record Written(String task, Map<String, Object> taskSettings, String policy, String prm,
                           PrmConfig.Style prmStyle, String algorithm, Long budgetTokens, Long maxStepTokens,
                           Double temperature, Long topK, Double topP, String variant, String prmVariant,
                           Long maxBatchSequences, Long maxBatchTokens, Long kvCacheBytes, Long valueCacheEntries,
                           Long intraOpThreads, String device, Map<String, Object> simulated,
                           Map<String, Map<String, Object>> algorithms) {
        /** The checks of ranges and of keys together, and the defaults of keys not given. */
        ModelConfig checked(Path directory, Checks check) {
            if (prmStyle != null && SIMULATED.equals(prm)) {
                throw new ModelException(check.file() + ": \"prmStyle\" describes an ONNX PRM, but \"prm\" is \""
                        + SIMULATED + "\"; remove \"prmStyle\"");
            }
            SearchDefaults builtIn = SearchDefaults.BUILT_IN;
            String algorithmName = check.text("algorithm", algorithm, builtIn.algorithm());
            try {
                AlgorithmSpec.parse(algorithmName);
            } catch (IllegalArgumentException e) {
                throw new ModelException(check.file() + ": \"algorithm\": " + e.getMessage());
            }
            SearchDefaults defaults = new SearchDefaults(algorithmName,
                    check.positive("budgetTokens", budgetTokens, builtIn.budgetTokens()),
                    (int) Math.min(Integer.MAX_VALUE, check.positive("maxStepTokens", maxStepTokens,
                            (long) builtIn.maxStepTokens())),
                    check.algorithms(algorithms));
            if (topP != null && !(topP > 0 && topP <= 1)) {
                throw check.bad("topP", "a number in (0, 1]", check.root().get("topP"));
            }
            OnnxSettings onnx = new OnnxSettings(check.nonNegative("temperature", temperature),
                    toInt(check.nonNegative("topK", topK)), topP, check.text("variant", variant, null),
                    check.text("prmVariant", prmVariant, null),
                    toInt(check.positive("maxBatchSequences", maxBatchSequences, null)),
                    toInt(check.positive("maxBatchTokens", maxBatchTokens, null)),
                    check.nonNegative("kvCacheBytes", kvCacheBytes),
                    check.nonNegative("valueCacheEntries", valueCacheEntries),
                    toInt(check.nonNegative("intraOpThreads", intraOpThreads)), false);
            return new ModelConfig(directory, check.file(),
                    check.required("task", task), check.settings("taskSettings", taskSettings),
                    check.required("policy", policy), check.required("prm", prm),
                    prmStyle == null ? null : prmStyle.key(), onnx, check.text("device", device, "cpu"), defaults,
                    check.settings(SIMULATED, simulated));
        }
    }

    /** What a key of this type takes, for a value Jackson could not bind to it. */
    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a non-empty string";
        }
        if (type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == PrmConfig.Style.class) {
            return "one of " + Arrays.stream(PrmConfig.Style.values()).map(PrmConfig.Style::key)
                    .collect(Collectors.joining(", "));
        }
        return "an object of settings"; // taskSettings, simulated, algorithms and each of its entries
    }

    /**
     * The ONNX engines' settings of {@code banyan.json}; each {@code null} when not given, so that the engine's own
     * default applies (for sampling: the policy's {@code generation_config.json}, else 1, 0 and 1).
     *
     * @param temperature the policy's sampling temperature, &ge; 0
     * @param topK the policy's top-k cut, &ge; 0 (0: none)
     * @param topP the policy's nucleus mass, in (0, 1]
     * @param variant the policy's graph in its {@code onnx/} folder ({@code fp16}, {@code q4}, …)
     * @param prmVariant the reward model's graph in its {@code onnx/} folder
     * @param maxBatchSequences most rows in one forward pass, both engines
     * @param maxBatchTokens most tokens (rows × width) in one forward pass, both engines
     * @param kvCacheBytes byte budget of each engine's prefix KV cache
     * @param valueCacheEntries most step scores the reward model's value cache keeps (0: none)
     * @param intraOpThreads ONNX Runtime's intra-op threads per engine (0: its default)
     * @param reference the ReST-MCTS* code's architecture: one row per forward pass, no prefix KV cache, no
     *                  incremental PRM scoring, no value cache (set by {@code --reference}, not by banyan.json)
     */
    record OnnxSettings(Double temperature, Integer topK, Double topP, String variant, String prmVariant,
                        Integer maxBatchSequences, Integer maxBatchTokens, Long kvCacheBytes, Long valueCacheEntries,
                        Integer intraOpThreads, boolean reference) {
        static final OnnxSettings NONE = new OnnxSettings(null, null, null, null, null, null, null, null, null, null,
                false);

        OnnxSettings withVariant(String otherVariant) {
            return new OnnxSettings(temperature, topK, topP, otherVariant, prmVariant, maxBatchSequences,
                    maxBatchTokens, kvCacheBytes, valueCacheEntries, intraOpThreads, reference);
        }

        OnnxSettings asReference() {
            return new OnnxSettings(temperature, topK, topP, variant, prmVariant, 1, maxBatchTokens, 0L, 0L,
                    intraOpThreads, true);
        }
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    ModelConfig withDevice(String otherDevice) {
        return new ModelConfig(directory, file, task, taskSettings, policy, prm, prmStyle, onnx, otherDevice,
                defaults, simulated);
    }

    /** The same models with the policy's graph taken from its {@code onnx/} folder's {@code otherVariant}. */
    ModelConfig withVariant(String otherVariant) {
        return new ModelConfig(directory, file, task, taskSettings, policy, prm, prmStyle, onnx.withVariant(otherVariant),
                device, defaults, simulated);
    }

    /** The same models run as the ReST-MCTS* code runs them (see {@link OnnxSettings#reference}). */
    ModelConfig asReference() {
        return new ModelConfig(directory, file, task, taskSettings, policy, prm, prmStyle, onnx.asReference(),
                device, defaults, simulated);
    }

    /** The same models on another task (its settings then come from that task's defaults). */
    ModelConfig withTask(String otherTask) {
        return otherTask.equals(task) ? this : new ModelConfig(directory, file, otherTask,
                TaskSettings.empty("the task " + otherTask), policy, prm, prmStyle, onnx, device, defaults, simulated);
    }

    /** The sub-directory that {@code key} names, which must exist. */
    Path component(String key, String name) {
        Path path = directory.resolve(name);
        if (!Files.isDirectory(path)) {
            throw new ModelException(file + ": \"" + key + "\" names " + path
                    + ", which is not a directory (give a sub-directory or \"" + SIMULATED + "\")");
        }
        return path;
    }

    /** The checks Jackson's types do not make, each failure naming the file, the key and the value as written. */
    private record Checks(Path file, JsonNode root) {
        ModelException bad(String key, String expected, JsonNode given) {
            return new ModelException(file + ": \"" + key + "\" must be " + expected + ", was " + given);
        }

        String required(String key, String value) {
            if (value == null) {
                throw new ModelException(file + " is missing \"" + key + "\"");
            }
            return text(key, value, null);
        }

        String text(String key, String value, String fallback) {
            if (value != null && value.isBlank()) {
                throw bad(key, "a non-empty string", root.get(key));
            }
            return value == null ? fallback : value;
        }

        Long positive(String key, Long value, Long fallback) {
            if (value != null && value < 1) {
                throw bad(key, "a positive integer", root.get(key));
            }
            return value == null ? fallback : value;
        }

        Long nonNegative(String key, Long value) {
            if (value != null && value < 0) {
                throw bad(key, "an integer >= 0", root.get(key));
            }
            return value;
        }

        Double nonNegative(String key, Double value) {
            if (value != null && !(value >= 0)) {
                throw bad(key, "a number >= 0", root.get(key));
            }
            return value;
        }

        /** An optional object of plain settings, e.g. {@code "simulated": {...}}; Jackson's maps take any value. */
        TaskSettings settings(String key, Map<String, Object> values) {
            String source = file + ": \"" + key + "\"";
            if (values == null) {
                return TaskSettings.empty(source);
            }
            values.forEach((name, value) -> {
                if (value instanceof Map || value instanceof List) {
                    throw new ModelException(source + ": \"" + name + "\" must be a string, number or boolean, was "
                            + root.get(key).get(name));
                }
            });
            return TaskSettings.of(source, values);
        }

        /** {@code "algorithms": {"eta-mcts": {"mergeDistance": 4}, ...}}: per-algorithm settings, each checked. */
        Map<String, Map<String, Object>> algorithms(Map<String, Map<String, Object>> settings) {
            if (settings == null) {
                return Map.of();
            }
            settings.forEach((name, values) -> {
                if (values == null) {
                    throw bad("algorithms." + name, "an object of settings", root.get("algorithms").get(name));
                }
                try {
                    AlgorithmSpec.parse(name, values);
                } catch (IllegalArgumentException e) {
                    throw new ModelException(file + ": \"algorithms." + name + "\": " + e.getMessage());
                }
            });
            return settings;
        }
    }
}
