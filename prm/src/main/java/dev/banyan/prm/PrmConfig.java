package dev.banyan.prm;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.banyan.search.tasks.KnownKeys;
import dev.banyan.search.tasks.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reward model's {@code prm.json} says: how to lay out a path as text, and where and how to read a step's
 * score. The whole schema, in one place:
 *
 * <pre>
 * key              type     required for          meaning
 * style            string   every model           step-tag | token-classification | value-head
 * prompt_template  string   every model           the text before the first step; {question} marks the question
 * step_suffix      string   every model           appended to every step (holds the tag, if any)
 * tag              string   step-tag,             a token of the suffix; the score is read at its position
 *                           token-classification  (value-head: optional; without it, at each step's last token)
 * good, bad        string   step-tag only         tokens whose logits at the tag give P(good) among {good, bad}
 * output           string   optional              the graph output read; default "logits"
 * positive_index   0 | 1    token-classification  the class that means "right"; default 1
 * activation       string   value-head            clip (to [0, 1], the default) | sigmoid
 * </pre>
 *
 * The text of a path is {@code prompt_template} with the question, then each step followed by
 * {@code step_suffix}. Every style reads one position per step: the tag's, when there is a tag, else the step's
 * last token (suffix included). Unknown keys are errors, so a misspelt key cannot be silently ignored.
 *
 * @param style how the output becomes a score
 * @param promptTemplate the text before the first step, with {@code {question}} once
 * @param stepSuffix appended to every step
 * @param tag the token read at each step, or {@code null} (value-head only)
 * @param good the "right" token of a step-tag model, else {@code null}
 * @param bad the "wrong" token of a step-tag model, else {@code null}
 * @param output the graph output read
 * @param positiveIndex the "right" class of a token-classification model (1 for other styles, unused)
 * @param activation how a value head's scalar becomes a score ({@link Activation#CLIP} for other styles, unused)
 * @param file the prm.json read, named in every error
 */
public record PrmConfig(Style style, String promptTemplate, String stepSuffix, String tag, String good, String bad,
                        String output, int positiveIndex, Activation activation, Path file) {

    /** The placeholder for the question in {@code prompt_template}. */
    public static final String QUESTION = "{question}";

    /** Binds prm.json onto {@link Written}, whose components are its keys in snake case. */
    private static final ObjectMapper JSON = StrictJson.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** How a PRM's output becomes a step's score. */
    public enum Style {
        /** Math-Shepherd: P(good) among {good, bad} in the language-model logits at the tag. */
        STEP_TAG("step-tag"),
        /** Qwen2.5-Math-PRM: the positive class's probability in a [batch, seq, 2] head at the tag. */
        TOKEN_CLASSIFICATION("token-classification"),
        /** ReST-MCTS* / AlphaLLM value models: a scalar per position, clipped or squashed into [0, 1]. */
        VALUE_HEAD("value-head");

        private final String key;

        Style(String key) {
            this.key = key;
        }

        /** The name prm.json uses. */
        @JsonValue
        public String key() {
            return key;
        }
    }

    /** How a value head's scalar becomes a score in [0, 1]. */
    public enum Activation {
        CLIP, SIGMOID;

        /** The name prm.json uses. */
        @JsonValue
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PrmConfig {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(promptTemplate, "promptTemplate");
        Objects.requireNonNull(stepSuffix, "stepSuffix");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(file, "file");
        String where = where(file);
        int at = promptTemplate.indexOf(QUESTION);
        if (at < 0 || promptTemplate.indexOf(QUESTION, at + 1) >= 0) {
            throw new IllegalArgumentException(where + ": prompt_template must hold " + QUESTION + " exactly once, was "
                    + quote(promptTemplate));
        }
        if (style != Style.VALUE_HEAD && tag == null) {
            throw new IllegalArgumentException(where + ": style " + style.key() + " needs a tag (the token read at each step)");
        }
        if (tag != null) {
            if (tag.isEmpty()) {
                throw new IllegalArgumentException(where + ": tag must not be empty");
            }
            int first = stepSuffix.indexOf(tag);
            if (first < 0 || stepSuffix.indexOf(tag, first + 1) >= 0) {
                throw new IllegalArgumentException(where + ": step_suffix " + quote(stepSuffix) + " must hold the tag "
                        + quote(tag) + " exactly once (the score is read where it sits)");
            }
        }
        if ((style == Style.STEP_TAG) != (good != null) || (style == Style.STEP_TAG) != (bad != null)) {
            throw new IllegalArgumentException(where + (style == Style.STEP_TAG
                    ? ": style step-tag needs both good and bad tokens"
                    : ": good and bad belong to style step-tag only, not " + style.key()));
        }
        if (good != null && good.equals(bad)) {
            throw new IllegalArgumentException(where + ": good and bad are the same token " + quote(good));
        }
        if (positiveIndex != 0 && positiveIndex != 1) {
            throw new IllegalArgumentException(where + ": positive_index must be 0 or 1, was " + positiveIndex);
        }
    }

    /** Reads and checks {@code file}; every error names it and the offending key. */
    public static PrmConfig read(Path file) {
        String where = where(file);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where + ": " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        try {
            return StrictJson.bind(JSON, root, Written.class).checked(file);
        } catch (UnrecognizedPropertyException e) {
            // Jackson stops at the first unknown key; the message names them all.
            Set<String> known = new TreeSet<>();
            e.getKnownPropertyIds().forEach(key -> known.add(key.toString()));
            Set<String> unknown = new TreeSet<>();
            root.fieldNames().forEachRemaining(key -> {
                if (!known.contains(key)) {
                    unknown.add(key);
                }
            });
            String first = unknown.iterator().next();
            throw new IllegalArgumentException(where + ": unknown keys " + unknown + "; expected some of " + known
                    + KnownKeys.nearest(first, known).map(near -> " (did you mean \"" + near + "\" for \"" + first
                    + "\"?)").orElse(""));
        } catch (JsonMappingException e) {
            Class<?> type = StrictJson.targetType(e);
            JsonNode given = StrictJson.value(root, e);
            String at = where + ": " + StrictJson.key(e);
            if (type != null && type.isEnum()) {
                throw new IllegalArgumentException(at + " " + given + " is not one of " + Arrays.stream(
                        type.getEnumConstants()).map(constant -> JSON.convertValue(constant, String.class)).toList());
            }
            // Every key but positive_index holds a string or a name.
            throw new IllegalArgumentException(at + " must be " + (type == String.class ? "a string" : "an integer")
                    + ", was " + given);
        }
    }

    /** prm.json as written; a key not given, or null, is null here. */
    private record Written(Style style, String promptTemplate, String stepSuffix, String tag, String good, String bad,
                           String output, Integer positiveIndex, Activation activation) {
        /** The checks of which keys go together, and the defaults; the record's constructor checks the rest. */
        PrmConfig checked(Path file) {
            String where = where(file);
            required(where, "style", style);
            onlyFor(where, "positive_index", positiveIndex, Style.TOKEN_CLASSIFICATION);
            onlyFor(where, "activation", activation, Style.VALUE_HEAD);
            if ("".equals(output)) {
                throw new IllegalArgumentException(where + ": output must name a graph output, was empty");
            }
            return new PrmConfig(style, required(where, "prompt_template", promptTemplate),
                    required(where, "step_suffix", stepSuffix), tag, good, bad, output == null ? "logits" : output,
                    positiveIndex == null ? 1 : positiveIndex, activation == null ? Activation.CLIP : activation, file);
        }

        private static <T> T required(String where, String key, T value) {
            if (value == null) {
                throw new IllegalArgumentException(where + ": missing " + key);
            }
            return value;
        }

        private void onlyFor(String where, String key, Object value, Style owner) {
            if (value != null && style != owner) {
                throw new IllegalArgumentException(where + ": " + key + " belongs to style " + owner.key()
                        + " only, not " + style.key());
            }
        }
    }

    /** How messages name {@code file}. */
    private static String where(Path file) {
        return "prm.json (" + file + ")";
    }

    /** The text before the first step, for {@code question}. */
    public String prompt(String question) {
        return promptTemplate.replace(QUESTION, question);
    }

    /** {@code text} in double quotes, newlines shown as {@code \n}. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }
}
