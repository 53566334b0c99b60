package dev.banyan.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A decoder graph's inputs and outputs, checked against its config in the layout optimum exports:
 * {@code input_ids} [batch, seq], {@code attention_mask} [batch, past+seq], optional {@code position_ids}
 * [batch, seq] (all int64), optional {@code use_cache_branch} (merged decoders), and per layer
 * {@code past_key_values.{i}.key|value} [batch, kv_heads, past, head_dim] in; {@code logits} [batch, seq, vocab]
 * and {@code present.{i}.key|value} out. KV tensors are float32 or float16, all alike. A {@link Readout} may name
 * another output to read instead of {@code logits} and make the KV tensors optional (reward models).
 *
 * @param hasPositionIds whether the graph takes {@code position_ids} (else it derives them from the mask)
 * @param hasUseCacheBranch whether the graph takes optimum's {@code use_cache_branch} flag
 * @param kvType the element type of the KV tensors, or {@code null} when the graph takes none
 * @param logitsType the element type of the output read ({@code logits} for the policy)
 * @param readout the output read, its width resolved against config.json
 * @param outputRank the rank of that output: 3, or 2 for a scalar per position
 */
public record GraphSignature(boolean hasPositionIds, boolean hasUseCacheBranch, OnnxJavaType kvType,
                             OnnxJavaType logitsType, Readout readout, int outputRank) {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String POSITION_IDS = "position_ids";
    static final String USE_CACHE_BRANCH = "use_cache_branch";
    static final String LOGITS = "logits";

    static String pastName(int layer, boolean value) {
        return "past_key_values." + layer + (value ? ".value" : ".key");
    }

    static String presentName(int layer, boolean value) {
        return "present." + layer + (value ? ".value" : ".key");
    }

    /** Whether the graph takes past keys and values (and returns present ones). */
    public boolean hasKv() {
        return kvType != null;
    }

    /** Checks the session's graph against {@code config} for {@code readout}; the messages name {@code graphFile}. */
    static GraphSignature check(OrtSession session, DecoderConfig config, Path graphFile, Readout readout) {
        try {
            return check(session.getInputInfo(), session.getOutputInfo(), config, graphFile, readout);
        } catch (OrtException e) {
            throw new IllegalStateException(graphFile + ": cannot read the graph's inputs and outputs: " + e.getMessage(), e);
        }
    }

    static GraphSignature check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, DecoderConfig config,
                                Path graphFile, Readout readout) {
        Checker in = new Checker(graphFile, "input", inputs);
        Checker out = new Checker(graphFile, "output", outputs);
        in.tensor(INPUT_IDS, OnnxJavaType.INT64, 2);
        in.tensor(ATTENTION_MASK, OnnxJavaType.INT64, 2);
        boolean positions = inputs.containsKey(POSITION_IDS);
        if (positions) {
            in.tensor(POSITION_IDS, OnnxJavaType.INT64, 2);
        }
        boolean useCacheBranch = inputs.containsKey(USE_CACHE_BRANCH);
        if (useCacheBranch) {
            in.tensor(USE_CACHE_BRANCH, OnnxJavaType.BOOL, -1);
        }

        OnnxJavaType kvType = null;
        if (readout.kvRequired() || inputs.containsKey(pastName(0, false))) {
            kvType = in.kvType(pastName(0, false));
            String kvWhy = "num_key_value_heads=" + config.kvHeads() + ", head_dim=" + config.headDim();
            for (int layer = 0; layer < config.layers(); layer++) {
                for (boolean value : new boolean[] {false, true}) {
                    in.kv(pastName(layer, value), kvType, config, kvWhy);
                    out.kv(presentName(layer, value), kvType, config, kvWhy);
                }
            }
            for (String extra : new String[] {pastName(config.layers(), false), presentName(config.layers(), false)}) {
                if (inputs.containsKey(extra) || outputs.containsKey(extra)) {
                    throw new IllegalArgumentException(graphFile + ": has " + extra + " but config.json says num_hidden_layers="
                            + config.layers());
                }
            }
        }

        Readout resolved = readout.resolve(config);
        String name = resolved.output();
        int width = resolved.width();
        String expected = "[batch, seq, " + width + "]" + (width == 1 ? " or [batch, seq]" : "")
                + (readout.width() == Readout.VOCABULARY ? " (vocab_size=" + width + ")" : "");
        OnnxJavaType logitsType = out.tensor(name, null, -1);
        if (logitsType != OnnxJavaType.FLOAT && logitsType != OnnxJavaType.FLOAT16) {
            throw new IllegalArgumentException(graphFile + ": output " + name + " is " + logitsType
                    + "; expected float32 or float16");
        }
        int rank = ((TensorInfo) outputs.get(name).getInfo()).getShape().length;
        if (rank != 3 && !(rank == 2 && width == 1)) {
            throw new IllegalArgumentException(graphFile + ": output " + name + " has shape "
                    + Arrays.toString(((TensorInfo) outputs.get(name).getInfo()).getShape()) + "; expected " + expected);
        }
        if (rank == 3) {
            out.dims(name, new long[] {-1, -1, width}, expected);
        }

        Set<String> unknown = new HashSet<>(inputs.keySet());
        unknown.removeAll(Set.of(INPUT_IDS, ATTENTION_MASK, POSITION_IDS, USE_CACHE_BRANCH));
        for (int layer = 0; kvType != null && layer < config.layers(); layer++) {
            unknown.remove(pastName(layer, false));
            unknown.remove(pastName(layer, true));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(graphFile + ": unexpected inputs " + unknown.stream().sorted().toList()
                    + "; a decoder takes input_ids, attention_mask, position_ids (optional), past_key_values.{i}.key|value");
        }
        return new GraphSignature(positions, useCacheBranch, kvType, logitsType, resolved, rank);
    }

    /** Reads one side (inputs or outputs) of the graph, with messages naming file, side and tensor. */
    private record Checker(Path file, String side, Map<String, NodeInfo> nodes) {

        /** Checks presence, type (unless {@code type} is null) and rank (unless negative); returns the type. */
        OnnxJavaType tensor(String name, OnnxJavaType type, int rank) {
            NodeInfo node = nodes.get(name);
            if (node == null) {
                throw new IllegalArgumentException(file + ": missing " + side + " " + name + "; the graph's " + side
                        + "s are " + nodes.keySet().stream().sorted().toList());
            }
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new IllegalArgumentException(file + ": " + side + " " + name + " is not a tensor");
            }
            if (type != null && info.type != type) {
                throw new IllegalArgumentException(file + ": " + side + " " + name + " is " + info.type + "; expected " + type);
            }
            if (rank >= 0 && info.getShape().length != rank) {
                throw new IllegalArgumentException(file + ": " + side + " " + name + " has shape "
                        + Arrays.toString(info.getShape()) + "; expected rank " + rank);
            }
            return info.type;
        }

        OnnxJavaType kvType(String name) {
            OnnxJavaType type = tensor(name, null, 4);
            if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.FLOAT16) {
                throw new IllegalArgumentException(file + ": " + side + " " + name + " is " + type
                        + "; expected float32 or float16 KV");
            }
            return type;
        }

        void kv(String name, OnnxJavaType type, DecoderConfig config, String why) {
            tensor(name, type, 4);
            dims(name, new long[] {-1, config.kvHeads(), -1, config.headDim()},
                    "[batch, " + config.kvHeads() + ", past, " + config.headDim() + "] (" + why + " in config.json)");
        }

        /** Each expected dimension that is not -1 must match, unless the graph leaves it symbolic (-1). */
        void dims(String name, long[] expected, String expectedText) {
            long[] shape = ((TensorInfo) nodes.get(name).getInfo()).getShape();
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] >= 0 && shape[i] >= 0 && shape[i] != expected[i]) {
                    throw new IllegalArgumentException(file + ": " + side + " " + name + " has shape "
                            + Arrays.toString(shape) + "; expected " + expectedText);
                }
            }
        }
    }
}
