package dev.banyan.prm;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow, obvious reward model: the whole text in one {@code OrtSession.run}, batch of one, no padding, no
 * cache, and the score worked out by hand from the raw output. Tokenizes as the fixtures' tokenizer does, by
 * its vocabulary: a BOS, then one token per character, the tag (which may be a longer special token) as one.
 */
final class Oracle implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final JsonNode prm;
    private final Map<String, Long> vocab = new HashMap<>();
    private final long bos;
    private final int layers;
    private final int kvHeads;
    private final int headDim;

    Oracle(String fixture) throws IOException, OrtException {
        Path dir = Fixtures.dir(fixture);
        prm = JSON.readTree(dir.resolve("prm.json").toFile());
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        JsonNode tokenizer = JSON.readTree(dir.resolve("tokenizer.json").toFile());
        tokenizer.get("model").get("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asLong()));
        bos = config.get("bos_token_id").asLong();
        layers = config.get("num_hidden_layers").asInt();
        kvHeads = config.get("num_key_value_heads").asInt();
        headDim = config.get("head_dim").asInt();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            session = env.createSession(dir.resolve("model.onnx").toString(), options);
        }
    }

    /** The score of every step of the path. */
    double[] stepScores(String question, List<String> steps) throws OrtException {
        String suffix = prm.get("step_suffix").asText();
        String tag = prm.has("tag") ? prm.get("tag").asText() : null;
        List<Long> ids = new ArrayList<>(List.of(bos));
        appendCharacters(ids, prm.get("prompt_template").asText().replace("{question}", question));
        List<Integer> reads = new ArrayList<>();
        for (String step : steps) {
            appendCharacters(ids, step);
            if (tag == null) {
                appendCharacters(ids, suffix);
                reads.add(ids.size() - 1);
            } else {
                int at = suffix.indexOf(tag);
                appendCharacters(ids, suffix.substring(0, at));
                reads.add(ids.size());
                ids.add(vocab.get(tag));
                appendCharacters(ids, suffix.substring(at + tag.length()));
            }
        }
        float[][] output = run(ids.stream().mapToLong(Long::longValue).toArray());
        double[] scores = new double[steps.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(output[reads.get(i)]);
        }
        return scores;
    }

    private void appendCharacters(List<Long> ids, String text) {
        for (int i = 0; i < text.length(); i++) {
            Long id = vocab.get(text.substring(i, i + 1));
            if (id == null) {
                throw new IllegalArgumentException("character '" + text.charAt(i) + "' is not in the fixture's vocabulary");
            }
            ids.add(id);
        }
    }

    private float[][] run(long[] ids) throws OrtException {
        int n = ids.length;
        long[] positions = new long[n];
        long[] mask = new long[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
            mask[i] = 1;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {mask}));
            Map<String, NodeInfo> declared = session.getInputInfo();
            if (declared.containsKey("position_ids")) {
                inputs.put("position_ids", OnnxTensor.createTensor(env, new long[][] {positions}));
            }
            for (int layer = 0; layer < layers && declared.containsKey("past_key_values.0.key"); layer++) {
                for (String kind : new String[] {"key", "value"}) {
                    inputs.put("past_key_values." + layer + "." + kind, OnnxTensor.createTensor(env,
                            FloatBuffer.allocate(0), new long[] {1, kvHeads, 0, headDim}));
                }
            }
            String name = prm.has("output") ? prm.get("output").asText() : "logits";
            try (OrtSession.Result result = session.run(inputs)) {
                Object value = result.get(name).orElseThrow().getValue();
                if (value instanceof float[][][] perPosition) {
                    return perPosition[0];
                }
                float[] scalars = ((float[][]) value)[0];
                float[][] wrapped = new float[scalars.length][];
                for (int i = 0; i < scalars.length; i++) {
                    wrapped[i] = new float[] {scalars[i]};
                }
                return wrapped;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private double score(float[] out) {
        switch (prm.get("style").asText()) {
            case "step-tag" -> {
                double good = out[vocab.get(prm.get("good").asText()).intValue()];
                double bad = out[vocab.get(prm.get("bad").asText()).intValue()];
                double top = Math.max(good, bad);
                return Math.exp(good - top) / (Math.exp(good - top) + Math.exp(bad - top));
            }
            case "token-classification" -> {
                double top = Math.max(out[0], out[1]);
                return Math.exp(out[1] - top) / (Math.exp(out[0] - top) + Math.exp(out[1] - top));
            }
            case "value-head" -> {
                return prm.has("activation") && prm.get("activation").asText().equals("sigmoid")
                        ? 1 / (1 + Math.exp(-out[0])) : Math.min(1, Math.max(0, out[0]));
            }
            default -> throw new IllegalArgumentException(prm.get("style").asText());
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
