package dev.banyan.prm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.banyan.search.tasks.KnownKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
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

    /** Strict: a duplicate key or text after the object is an error. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> KEYS = Set.of("style", "prompt_template", "step_suffix", "tag", "good", "bad",
            "output", "positive_index", "activation");

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
        public String key() {
            return key;
        }
    }

    /** How a value head's scalar becomes a score in [0, 1]. */
    public enum Activation {
        CLIP, SIGMOID;

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
        String where = "prm.json (" + file + ")";
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
        String where = "prm.json (" + file + ")";
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new IllegalArgumentException(where + ": unknown keys " + unknown + "; expected some of "
                    + new TreeSet<>(KEYS) + KnownKeys.nearest(first, KEYS).map(near -> " (did you mean \"" + near
                    + "\" for \"" + first + "\"?)").orElse(""));
        }

        String styleName = string(root, where, "style", true);
        Style style = Arrays.stream(Style.values()).filter(s -> s.key().equals(styleName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(where + ": style " + quote(styleName) + " is not one of "
                        + Arrays.stream(Style.values()).map(Style::key).toList()));
        onlyFor(root, where, "positive_index", style, Style.TOKEN_CLASSIFICATION);
        onlyFor(root, where, "activation", style, Style.VALUE_HEAD);

        int positive = 1;
        if (root.has("positive_index")) {
            JsonNode node = root.get("positive_index");
            if (!node.isInt()) {
                throw new IllegalArgumentException(where + ": positive_index must be 0 or 1, was " + node);
            }
            positive = node.asInt();
        }
        Activation activation = Activation.CLIP;
        String activationName = string(root, where, "activation", false);
        if (activationName != null) {
            activation = Arrays.stream(Activation.values()).filter(a -> a.key().equals(activationName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": activation " + quote(activationName)
                            + " is not one of [clip, sigmoid]"));
        }
        String output = string(root, where, "output", false);
        if (output != null && output.isEmpty()) {
            throw new IllegalArgumentException(where + ": output must name a graph output, was empty");
        }
        return new PrmConfig(style, string(root, where, "prompt_template", true), string(root, where, "step_suffix", true),
                string(root, where, "tag", false), string(root, where, "good", false), string(root, where, "bad", false),
                output == null ? "logits" : output, positive, activation, file);
    }

    /** The text before the first step, for {@code question}. */
    public String prompt(String question) {
        return promptTemplate.replace(QUESTION, question);
    }

    private static String string(JsonNode root, String where, String key, boolean required) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": missing " + key);
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(where + ": " + key + " must be a string, was " + node);
        }
        return node.asText();
    }

    private static void onlyFor(JsonNode root, String where, String key, Style style, Style owner) {
        if (root.has(key) && style != owner) {
            throw new IllegalArgumentException(where + ": " + key + " belongs to style " + owner.key() + " only, not "
                    + style.key());
        }
    }

    /** {@code text} in double quotes, newlines shown as {@code \n}. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }
}
