import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the exported Game-of-24 models the way the engine will load them: ONNX Runtime with a key/value
 * cache over a left-padded batch must match the training framework's full-sequence logits, the greedy decode
 * of the reference puzzle must match expected_greedy.json, and the tokenizer must give the recorded ids.
 *
 * <pre>java -cp "$CP" CheckExport.java models/game24 tools/game24/out/reference</pre>
 */
public final class CheckExport {
    private static final double TOLERANCE = 1e-3;
    private static int failures;

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args[0]);
        Path reference = Path.of(args[1]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String kind : List.of("policy", "prm")) {
            Path dir = models.resolve(kind);
            try (OrtSession session = env.createSession(dir.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
                 HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"))) {
                Decoder decoder = new Decoder(env, session, read(dir.resolve("config.json")));
                checkTokenizer(kind, tokenizer, read(dir.resolve("tokenizer_check.json")));
                checkLogits(kind, decoder, read(reference.resolve(kind + "_reference.json")));
                if (kind.equals("policy")) {
                    checkGreedy(decoder, tokenizer, read(models.resolve("expected_greedy.json")));
                }
            }
        }
        System.out.println(failures == 0 ? "ALL CHECKS PASSED" : failures + " CHECK(S) FAILED");
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void checkTokenizer(String kind, HuggingFaceTokenizer tokenizer, JsonObject expected) {
        for (var c : expected.getAsJsonArray("cases")) {
            String text = c.getAsJsonObject().get("text").getAsString();
            long[] want = longs(c.getAsJsonObject().getAsJsonArray("ids"));
            long[] got = tokenizer.encode(text).getIds();
            report(Arrays.equals(want, got), kind + " tokenizer ids for " + quote(text),
                    "want " + Arrays.toString(want) + " got " + Arrays.toString(got));
            if (!text.contains("x")) {
                String back = tokenizer.decode(got);
                report(back.equals(text), kind + " tokenizer decode of " + quote(text), "got " + quote(back));
            }
        }
    }

    private static void checkLogits(String kind, Decoder decoder, JsonObject ref) throws OrtException {
        long[][] ids = longs2(ref.getAsJsonArray("input_ids"));
        long[][] mask = longs2(ref.getAsJsonArray("attention_mask"));
        long[][] pos = longs2(ref.getAsJsonArray("position_ids"));
        JsonArray logits = ref.getAsJsonArray("logits");
        int split = ref.get("split").getAsInt();
        int width = ids[0].length;
        double worst = 0;
        Decoder.State state = decoder.start(ids.length);
        for (int from = 0; from < width; ) {
            int to = from == 0 ? split : from + 1;
            float[][][] out = state.step(cols(ids, from, to), cols(mask, 0, to), cols(pos, from, to));
            for (int b = 0; b < ids.length; b++) {
                for (int t = from; t < to; t++) {
                    if (mask[b][t] == 0) {
                        continue;
                    }
                    JsonArray row = logits.get(b).getAsJsonArray().get(t).getAsJsonArray();
                    for (int v = 0; v < row.size(); v++) {
                        worst = Math.max(worst, Math.abs(row.get(v).getAsDouble() - out[b][t - from][v]));
                    }
                }
            }
            from = to;
        }
        report(worst < TOLERANCE, kind + " cached, left-padded logits vs full recomputation", "max |diff| " + worst);
        System.out.printf("  (%s max |diff| %.2e)%n", kind, worst);
    }

    private static void checkGreedy(Decoder decoder, HuggingFaceTokenizer tokenizer, JsonObject expected) throws OrtException {
        String prompt = expected.get("prompt").getAsString();
        int maxNew = expected.get("max_new_tokens").getAsInt();
        long eos = decoder.eosId;
        long newline = tokenizer.encode("\n").getIds()[0];
        long[] ids = tokenizer.encode(prompt).getIds();
        Decoder.State state = decoder.start(1);
        long[] position = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            position[i] = i;
        }
        int seen = ids.length;
        float[][][] out = state.step(new long[][] {ids}, new long[][] {ones(seen)}, new long[][] {position});
        List<Long> written = new ArrayList<>();
        int lineStart = 0;
        for (int n = 0; n < maxNew; n++) {
            float[] last = out[0][out[0].length - 1];
            long next = argmax(last);
            if (next == eos) {
                break;
            }
            written.add(next);
            if (next == newline) {
                String line = tokenizer.decode(written.subList(lineStart, written.size()).stream().mapToLong(Long::longValue).toArray());
                if (line.startsWith("Answer:")) {
                    break;
                }
                lineStart = written.size();
            }
            seen++;
            out = state.step(new long[][] {{next}}, new long[][] {ones(seen)}, new long[][] {{seen - 1}});
        }
        String text = tokenizer.decode(written.stream().mapToLong(Long::longValue).toArray());
        String want = expected.get("text").getAsString();
        report(text.equals(want), "policy greedy decode of " + quote(prompt), "want " + quote(want) + " got " + quote(text));
    }

    /** The decoder's cache handling, as the engine does it: empty past first, then the presents fed back. */
    private static final class Decoder {
        final OrtEnvironment env;
        final OrtSession session;
        final int layers;
        final int kvHeads;
        final int headDim;
        final long eosId;

        Decoder(OrtEnvironment env, OrtSession session, JsonObject config) {
            this.env = env;
            this.session = session;
            this.layers = config.get("num_hidden_layers").getAsInt();
            this.kvHeads = config.get("num_key_value_heads").getAsInt();
            this.headDim = config.get("hidden_size").getAsInt() / config.get("num_attention_heads").getAsInt();
            this.eosId = config.get("eos_token_id").getAsLong();
        }

        State start(int batch) {
            return new State(batch);
        }

        final class State {
            final int batch;
            int past;
            final FloatBuffer[] cache;

            State(int batch) {
                this.batch = batch;
                this.cache = new FloatBuffer[2 * layers];
                Arrays.fill(cache, FloatBuffer.allocate(0));
            }

            float[][][] step(long[][] ids, long[][] mask, long[][] positions) throws OrtException {
                Map<String, OnnxTensor> in = new HashMap<>();
                try {
                    in.put("input_ids", tensor(ids));
                    in.put("attention_mask", tensor(mask));
                    in.put("position_ids", tensor(positions));
                    long[] shape = {batch, kvHeads, past, headDim};
                    for (int i = 0; i < layers; i++) {
                        in.put("past_key_values." + i + ".key", OnnxTensor.createTensor(env, cache[2 * i].rewind(), shape));
                        in.put("past_key_values." + i + ".value", OnnxTensor.createTensor(env, cache[2 * i + 1].rewind(), shape));
                    }
                    try (OrtSession.Result r = session.run(in)) {
                        for (int i = 0; i < layers; i++) {
                            cache[2 * i] = ((OnnxTensor) r.get("present." + i + ".key").get()).getFloatBuffer();
                            cache[2 * i + 1] = ((OnnxTensor) r.get("present." + i + ".value").get()).getFloatBuffer();
                        }
                        past += ids[0].length;
                        return (float[][][]) r.get("logits").get().getValue();
                    }
                } finally {
                    in.values().forEach(OnnxTensor::close);
                }
            }

            private OnnxTensor tensor(long[][] values) throws OrtException {
                LongBuffer buf = LongBuffer.allocate(values.length * values[0].length);
                for (long[] row : values) {
                    buf.put(row);
                }
                return OnnxTensor.createTensor(env, buf.rewind(), new long[] {values.length, values[0].length});
            }
        }
    }

    private static void report(boolean ok, String what, String detail) {
        System.out.println((ok ? "ok   " : "FAIL ") + what + (ok ? "" : ": " + detail));
        if (!ok) {
            failures++;
        }
    }

    private static JsonObject read(Path path) throws IOException {
        return JsonParser.parseString(Files.readString(path)).getAsJsonObject();
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    private static long[][] longs2(JsonArray a) {
        long[][] out = new long[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs(a.get(i).getAsJsonArray());
        }
        return out;
    }

    private static long[][] cols(long[][] a, int from, int to) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.copyOfRange(a[i], from, to);
        }
        return out;
    }

    private static long[] ones(int n) {
        long[] out = new long[n];
        Arrays.fill(out, 1);
        return out;
    }

    private static long argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String quote(String s) {
        return '"' + s.replace("\n", "\\n") + '"';
    }
}
