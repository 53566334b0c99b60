package dev.banyan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a decoder as its {@code config.json} (and optional {@code generation_config.json}) describe it.
 * Accepts the Hugging Face names and GPT-2's older aliases ({@code n_layer}, {@code n_head}, {@code n_embd},
 * {@code n_positions}).
 *
 * @param modelType {@code model_type}, informational
 * @param layers {@code num_hidden_layers}
 * @param heads {@code num_attention_heads}
 * @param kvHeads {@code num_key_value_heads}, the attention heads when absent
 * @param headDim {@code head_dim}, {@code hidden_size / num_attention_heads} when absent
 * @param vocabSize {@code vocab_size}
 * @param maxPositions {@code max_position_embeddings}; {@link Integer#MAX_VALUE} when absent
 * @param eosTokenIds end-of-sequence ids; {@code generation_config.json} wins over {@code config.json}
 * @param bosTokenId {@code bos_token_id}, or -1
 * @param padTokenId {@code pad_token_id}, else the first EOS id, else 0; fills left padding
 * @param sampling the sampling settings {@code generation_config.json} gives
 */
public record DecoderConfig(String modelType, int layers, int heads, int kvHeads, int headDim, int vocabSize,
                   int maxPositions, long[] eosTokenIds, long bosTokenId, long padTokenId, Sampling sampling) {

    /**
     * The sampling defaults of {@code generation_config.json}; each {@code null} when the file does not give it.
     * {@code do_sample} is not read: a search samples its proposals whatever the file says.
     *
     * @param temperature {@code temperature}, &ge; 0
     * @param topK {@code top_k}, &ge; 0 (0: no cut)
     * @param topP {@code top_p}, in (0, 1]
     */
    public record Sampling(Double temperature, Integer topK, Double topP) {
        static final Sampling NONE = new Sampling(null, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code config} and, when not {@code null}, {@code generationConfig}. */
    static DecoderConfig read(Path config, Path generationConfig) {
        JsonNode root = parse(config);
        JsonNode generation = generationConfig == null ? JSON.createObjectNode() : parse(generationConfig);
        String where = "config.json (" + config + ")";

        int layers = positive(root, where, "num_hidden_layers", "n_layer");
        int heads = positive(root, where, "num_attention_heads", "n_head");
        int hidden = positive(root, where, "hidden_size", "n_embd");
        int vocab = positive(root, where, "vocab_size");
        int kvHeads = optionalPositive(root, where, heads, "num_key_value_heads");
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(where + ": num_attention_heads=" + heads
                    + " is not a multiple of num_key_value_heads=" + kvHeads);
        }
        int headDim;
        if (root.hasNonNull("head_dim")) {
            headDim = positive(root, where, "head_dim");
        } else if (hidden % heads == 0) {
            headDim = hidden / heads;
        } else {
            throw new IllegalArgumentException(where + ": hidden_size=" + hidden
                    + " is not a multiple of num_attention_heads=" + heads + " and head_dim is not given");
        }
        int maxPositions = optionalPositive(root, where, Integer.MAX_VALUE, "max_position_embeddings", "n_positions");

        long[] eos = tokenIds(generation, "eos_token_id");
        if (eos.length == 0) {
            eos = tokenIds(root, "eos_token_id");
        }
        long bos = firstOf(tokenIds(generation, "bos_token_id"), firstOf(tokenIds(root, "bos_token_id"), -1));
        long pad = firstOf(tokenIds(generation, "pad_token_id"), firstOf(tokenIds(root, "pad_token_id"),
                eos.length > 0 ? eos[0] : 0));
        String type = root.path("model_type").asText("unknown");
        Sampling sampling = generationConfig == null ? Sampling.NONE : sampling(generation, "generation_config.json ("
                + generationConfig + ")");
        return new DecoderConfig(type, layers, heads, kvHeads, headDim, vocab, maxPositions, eos, bos, pad, sampling);
    }

    private static Sampling sampling(JsonNode generation, String where) {
        Double temperature = null;
        Integer topK = null;
        Double topP = null;
        JsonNode value = generation.path("temperature");
        if (!value.isMissingNode() && !value.isNull()) {
            if (!value.isNumber() || !(value.doubleValue() >= 0) || Double.isInfinite(value.doubleValue())) {
                throw new IllegalArgumentException(where + ": temperature must be a number >= 0, was " + value);
            }
            temperature = value.doubleValue();
        }
        value = generation.path("top_k");
        if (!value.isMissingNode() && !value.isNull()) {
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
                throw new IllegalArgumentException(where + ": top_k must be an integer >= 0, was " + value);
            }
            topK = value.intValue();
        }
        value = generation.path("top_p");
        if (!value.isMissingNode() && !value.isNull()) {
            if (!value.isNumber() || !(value.doubleValue() > 0 && value.doubleValue() <= 1)) {
                throw new IllegalArgumentException(where + ": top_p must be a number in (0, 1], was " + value);
            }
            topP = value.doubleValue();
        }
        return new Sampling(temperature, topK, topP);
    }

    /** Whether {@code token} ends a sequence. */
    boolean isEos(long token) {
        for (long eos : eosTokenIds) {
            if (eos == token) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int positive(JsonNode root, String where, String... names) {
        for (String name : names) {
            if (root.hasNonNull(name)) {
                JsonNode value = root.get(name);
                if (!value.canConvertToInt() || value.asInt() < 1) {
                    throw new IllegalArgumentException(where + ": " + name + " must be a positive integer, was " + value);
                }
                return value.asInt();
            }
        }
        throw new IllegalArgumentException(where + ": missing " + String.join(" (or ", names) + (names.length > 1 ? ")" : ""));
    }

    private static int optionalPositive(JsonNode root, String where, int absent, String... names) {
        for (String name : names) {
            if (root.hasNonNull(name)) {
                return positive(root, where, name);
            }
        }
        return absent;
    }

    private static long[] tokenIds(JsonNode root, String name) {
        JsonNode node = root.path(name);
        List<Long> ids = new ArrayList<>();
        if (node.isIntegralNumber()) {
            ids.add(node.asLong());
        } else if (node.isArray()) {
            node.forEach(id -> ids.add(id.asLong()));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long firstOf(long[] ids, long otherwise) {
        return ids.length > 0 ? ids[0] : otherwise;
    }
}
