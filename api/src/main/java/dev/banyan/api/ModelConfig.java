package dev.banyan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.banyan.search.AlgorithmSpec;
import dev.banyan.search.tasks.KnownKeys;
import dev.banyan.search.tasks.TaskSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

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
    static final String TASK_SETTINGS = "taskSettings";
    /** Every top-level key; any other is an error (a misspelt key must not be silently ignored). */
    static final Set<String> KEYS = Set.of("task", TASK_SETTINGS, "policy", "prm", "prmStyle", "algorithm",
            "budgetTokens", "maxStepTokens", "temperature", "topK", "topP", "variant", "prmVariant", "maxBatchSequences",
            "maxBatchTokens", "kvCacheBytes", "valueCacheEntries", "intraOpThreads", "device", SIMULATED, "algorithms");
    /** The styles a {@code prm.json} can declare; {@code "prmStyle"}, when given, must match the PRM's. */
    static final List<String> PRM_STYLES = List.of("step-tag", "token-classification", "value-head");
    /** Strict: a duplicate key or text after the object is an error. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
        if (root == null || !root.isObject()) {
            throw new ModelException(file + " must hold a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new ModelException(KnownKeys.unknown(file.toString(), "key", name, KEYS));
            }
        }
        Fields fields = new Fields(file, root);
        String prmStyle = fields.text("prmStyle", null);
        if (prmStyle != null) {
            if (!PRM_STYLES.contains(prmStyle)) {
                throw new ModelException(file + ": \"prmStyle\" must be one of " + String.join(", ", PRM_STYLES)
                        + ", was \"" + prmStyle + "\"");
            }
            if (SIMULATED.equals(fields.text("prm", null))) {
                throw new ModelException(file + ": \"prmStyle\" describes an ONNX PRM, but \"prm\" is \""
                        + SIMULATED + "\"; remove \"prmStyle\"");
            }
        }
        SearchDefaults builtIn = SearchDefaults.BUILT_IN;
        String algorithm = fields.text("algorithm", builtIn.algorithm());
        try {
            AlgorithmSpec.parse(algorithm);
        } catch (IllegalArgumentException e) {
            throw new ModelException(file + ": \"algorithm\": " + e.getMessage());
        }
        SearchDefaults defaults = new SearchDefaults(algorithm,
                fields.positiveLong("budgetTokens", builtIn.budgetTokens()),
                (int) Math.min(Integer.MAX_VALUE, fields.positiveLong("maxStepTokens", (long) builtIn.maxStepTokens())),
                algorithmSettings(file, root.path("algorithms")));
        return new ModelConfig(directory, file, fields.requiredText("task"), settings(file, root, TASK_SETTINGS),
                fields.requiredText("policy"), fields.requiredText("prm"), prmStyle,
                onnxSettings(file, fields), fields.text("device", "cpu"), defaults, settings(file, root, SIMULATED));
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

    private static OnnxSettings onnxSettings(Path file, Fields fields) {
        Double topP = fields.nonNegativeDouble("topP", null);
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new ModelException(file + ": \"topP\" must be a number in (0, 1], was " + topP);
        }
        Long kvCacheBytes = fields.nonNegativeLong("kvCacheBytes");
        return new OnnxSettings(fields.nonNegativeDouble("temperature", null), toInt(fields.nonNegativeLong("topK")),
                topP, fields.text("variant", null), fields.text("prmVariant", null),
                toInt(fields.positiveLong("maxBatchSequences", null)), toInt(fields.positiveLong("maxBatchTokens", null)),
                kvCacheBytes, fields.nonNegativeLong("valueCacheEntries"), toInt(fields.nonNegativeLong("intraOpThreads")),
                false);
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    /** An optional object of plain settings (strings, numbers, booleans), e.g. {@code "simulated": {...}}. */
    private static TaskSettings settings(Path file, JsonNode root, String key) {
        JsonNode object = root.path(key);
        String source = file + ": \"" + key + "\"";
        if (object.isMissingNode() || object.isNull()) {
            return TaskSettings.empty(source);
        }
        if (!object.isObject()) {
            throw new ModelException(source + " must be an object of settings");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (!value.isValueNode()) {
                throw new ModelException(source + ": \"" + entry.getKey() + "\" must be a string, number or boolean, was "
                        + value);
            }
            values.put(entry.getKey(), value.isNull() ? null : value.isNumber() ? value.numberValue()
                    : value.isBoolean() ? (Object) value.booleanValue() : value.asText());
        });
        return TaskSettings.of(source, values);
    }

    /** {@code "algorithms": {"eta-mcts": {"mergeDistance": 4}, ...}}: per-algorithm settings, each checked. */
    private static Map<String, Map<String, Object>> algorithmSettings(Path file, JsonNode algorithms) {
        if (algorithms.isMissingNode() || algorithms.isNull()) {
            return Map.of();
        }
        if (!algorithms.isObject()) {
            throw new ModelException(file + ": \"algorithms\" must be an object of per-algorithm settings");
        }
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        algorithms.fields().forEachRemaining(entry -> {
            String where = file + ": \"algorithms." + entry.getKey() + "\"";
            if (!entry.getValue().isObject()) {
                throw new ModelException(where + " must be an object of settings");
            }
            Map<String, Object> settings = new ObjectMapper().convertValue(entry.getValue(),
                    new TypeReference<Map<String, Object>>() { });
            try {
                AlgorithmSpec.parse(entry.getKey(), settings);
            } catch (IllegalArgumentException e) {
                throw new ModelException(where + ": " + e.getMessage());
            }
            all.put(entry.getKey(), settings);
        });
        return all;
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

    /** Typed reads of top-level fields, each failure naming the file and the key. */
    private record Fields(Path file, JsonNode root) {
        String requiredText(String key) {
            String value = text(key, null);
            if (value == null) {
                throw new ModelException(file + " is missing \"" + key + "\"");
            }
            return value;
        }

        String text(String key, String fallback) {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new ModelException(file + ": \"" + key + "\" must be a non-empty string, was " + value);
            }
            return value.asText();
        }

        Long positiveLong(String key, Long fallback) {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
                throw new ModelException(file + ": \"" + key + "\" must be a positive integer, was " + value);
            }
            return value.asLong();
        }

        Long nonNegativeLong(String key) {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new ModelException(file + ": \"" + key + "\" must be an integer >= 0, was " + value);
            }
            return value.asLong();
        }

        Double nonNegativeDouble(String key, Double fallback) {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isNumber() || !(value.doubleValue() >= 0)) {
                throw new ModelException(file + ": \"" + key + "\" must be a number >= 0, was " + value);
            }
            return value.doubleValue();
        }
    }
}
