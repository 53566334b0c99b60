package dev.banyan.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.banyan.engine.BenchmarkSampler;
import dev.banyan.engine.DecoderModel;
import dev.banyan.engine.Device;
import dev.banyan.engine.PolicyEngine;
import dev.banyan.engine.Readout;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding throughput: the engine's inference loop generating {@code batch} sequences of {@code tokens} tokens
 * from one context, against a bare loop of {@code OrtSession.run} over the same shapes (one prefill of the
 * context's ids, its keys and values copied to every row, then one token per row per step, each step's
 * {@code present} fed back as the next {@code past}, greedy arg-max over the last position's logits). The bare
 * loop is the floor: what ONNX Runtime costs with no batching, cache, sampling, stop checks or detokenizing. Its
 * twin {@code bareOrtLoopSampled} draws each row's token as the engine does instead (temperature 1, no top-k or
 * top-p, each row from its own seeded generator), on the one thread: the floor for a loop that samples. All use one
 * intra-op thread; the engine samples on its default {@code samplingThreads}. The {@code tokens} counter reports
 * generated tokens per second.
 *
 * <pre>
 * mvn -B -ntp -q -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DecodeThroughput -p model=$PWD/engine/src/test/resources/fixtures/llama-tiny
 * # Qwen2 architecture with the real 151,669-token vocabulary (tokenizer.json taken from -p tokenizer=DIR):
 * java -jar bench/target/benchmarks.jar DecodeThroughput -p model=$PWD/engine/src/test/resources/fixtures/qwen2-152k \
 *     -p tokenizer=$PWD/../shared/data/tokenizers/qwen3 -p batch=32 -f 1 -wi 2 -i 3 -w 2 -r 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class DecodeThroughputBenchmark {
    private static final String CONTEXT = "Input: 4 9 10 13\nSteps:\n";

    /** The model directory (a decoder in optimum's layout with a float32 KV cache). */
    @Param({"engine/src/test/resources/fixtures/llama-tiny", "engine/src/test/resources/fixtures/qwen2-152k"})
    public String model;

    /**
     * Where {@code tokenizer.json} (and {@code tokenizer_config.json}) come from when the model directory has none,
     * as the 152k fixture, whose tokenizer is Qwen's, kept beside the clone.
     */
    @Param("../shared/data/tokenizers/qwen3")
    public String tokenizer;

    /** Sequences decoded together. */
    @Param({"1", "8", "32"})
    public int batch;

    /** The engine's sampling threads ({@code PolicyEngine.Builder.samplingThreads}); 0 keeps its default. */
    @Param("0")
    public int samplingThreads;

    /** Tokens generated per sequence. */
    @Param("32")
    public int tokens;

    private PolicyEngine engine;
    private BareLoop bare;
    /** The engine's sampling, for the bare loop that samples. */
    private final BenchmarkSampler sampler = new BenchmarkSampler(1, 0, 1);
    private long seed;

    /** Counts generated tokens, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Generated {
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of(model);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model directory " + dir.toAbsolutePath() + " not found; pass -p model=...");
        }
        Path graph = dir.resolve("model.onnx");
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            dir = withTokenizer(dir, Path.of(tokenizer));
        }
        // Greedy-free sampling as the search runs it: temperature 1, no top-k or top-p, whatever the model's
        // generation_config.json says (the bare loop's arg-max is the floor either way).
        PolicyEngine.Builder builder = PolicyEngine.builder(dir).intraOpThreads(1).maxBatchSequences(Math.max(32, batch))
                .temperature(1).topK(0).topP(1);
        engine = (samplingThreads > 0 ? builder.samplingThreads(samplingThreads) : builder).build();
        long[] prompt;
        try (DecoderModel model = DecoderModel.load(dir, Device.CPU, 1, Readout.logits())) {
            prompt = model.codec().encode(CONTEXT);
        }
        bare = new BareLoop(graph, prompt);
    }

    /** A temporary model directory: {@code dir}'s files with the tokenizer files of {@code from}. */
    private static Path withTokenizer(Path dir, Path from) throws IOException {
        if (!Files.isRegularFile(from.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException(dir.toAbsolutePath() + " has no tokenizer.json and " + from.toAbsolutePath()
                    + " has none either; pass -p tokenizer=DIR");
        }
        Path target = Files.createTempDirectory("banyan-bench-model");
        target.toFile().deleteOnExit();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.createSymbolicLink(target.resolve(file.getFileName()), file.toAbsolutePath());
            }
        }
        for (String name : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
            if (Files.isRegularFile(from.resolve(name))) {
                Files.createSymbolicLink(target.resolve(name), from.resolve(name).toAbsolutePath());
            }
        }
        return target;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        engine.close();
        bare.close();
    }

    /** The engine: one request of {@code batch} sampled proposals, no stop strings. */
    @Benchmark
    public List<StepProposal> engine(Generated generated) {
        StepRequest request = new StepRequest(ReasoningPath.of("4 9 10 13"), CONTEXT, List.of(), batch, false,
                seed++, tokens);
        List<StepProposal> proposals = engine.propose(request).join();
        for (StepProposal proposal : proposals) {
            generated.tokens += proposal.tokenCount();
        }
        return proposals;
    }

    /** The floor: ONNX Runtime alone over the same shapes. */
    @Benchmark
    public long bareOrtLoop(Generated generated) throws OrtException {
        long checksum = bare.decode(batch, tokens, null, 0);
        generated.tokens += (long) batch * tokens;
        return checksum;
    }

    /** The same loop, each row's token drawn with the engine's sampling on this one thread instead of an arg-max. */
    @Benchmark
    public long bareOrtLoopSampled(Generated generated) throws OrtException {
        long checksum = bare.decode(batch, tokens, sampler, seed++);
        generated.tokens += (long) batch * tokens;
        return checksum;
    }

    /**
     * A minimal decoder: the prompt prefilled once, its keys and values copied to every row (no padding: all rows
     * alike), then present outputs fed straight back as past; tokens by arg-max, or sampled as the engine does.
     */
    static final class BareLoop implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final long[] prompt;
        private final int layers;
        private final int kvHeads;
        private final int headDim;
        private final boolean positions;

        BareLoop(Path graph, long[] prompt) throws OrtException {
            this.prompt = prompt;
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            session = env.createSession(graph.toString(), options);
            Map<String, NodeInfo> inputs = session.getInputInfo();
            long[] kvShape = ((TensorInfo) inputs.get("past_key_values.0.key").getInfo()).getShape();
            kvHeads = (int) kvShape[1];
            headDim = (int) kvShape[3];
            layers = (int) inputs.keySet().stream().filter(n -> n.startsWith("past_key_values.") && n.endsWith(".key")).count();
            positions = inputs.containsKey("position_ids");
        }

        /**
         * Decodes {@code steps} tokens for each of {@code batch} rows; {@code sampler} null takes the arg-max, else
         * row {@code b} draws with the generator of proposal {@code b} of a request seeded with {@code seed}.
         */
        long decode(int batch, int steps, BenchmarkSampler sampler, long seed) throws OrtException {
            // Prefill: one row of the prompt, all positions' logits (as any prefill), its KV copied to every row.
            Map<String, OnnxTensor> inputs = new HashMap<>();
            for (int layer = 0; layer < layers; layer++) {
                for (String kind : new String[] {"key", "value"}) {
                    inputs.put("past_key_values." + layer + "." + kind, OnnxTensor.createTensor(env,
                            FloatBuffer.allocate(0), new long[] {1, kvHeads, 0, headDim}));
                }
            }
            long[] positionsOfPrompt = new long[prompt.length];
            long[] ones = new long[prompt.length];
            for (int i = 0; i < prompt.length; i++) {
                positionsOfPrompt[i] = i;
                ones[i] = 1;
            }
            long[] rowShape = {1, prompt.length};
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(prompt), rowShape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones), rowShape));
            if (positions) {
                inputs.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(positionsOfPrompt), rowShape));
            }
            long[] next = new long[batch];
            SplittableRandom[] random = new SplittableRandom[batch];
            float[] row = null;
            Map<String, OnnxTensor> past = new HashMap<>();
            try (OrtSession.Result result = session.run(inputs)) {
                inputs.values().forEach(OnnxTensor::close);
                FloatBuffer logits = ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer();
                int vocab = logits.capacity() / prompt.length;
                if (sampler == null) {
                    java.util.Arrays.fill(next, argMax(logits, (prompt.length - 1) * vocab, vocab));
                } else {
                    row = new float[vocab];
                    logits.get((prompt.length - 1) * vocab, row);
                    for (int b = 0; b < batch; b++) {
                        random[b] = BenchmarkSampler.random(seed, b);
                        next[b] = sampler.pick(row, random[b]);
                    }
                }
                for (int layer = 0; layer < layers; layer++) {
                    for (String kind : new String[] {"key", "value"}) {
                        FloatBuffer one = ((OnnxTensor) result.get("present." + layer + "." + kind).orElseThrow())
                                .getFloatBuffer();
                        FloatBuffer all = FloatBuffer.allocate(one.capacity() * batch);
                        for (int b = 0; b < batch; b++) {
                            all.put(one.duplicate());
                        }
                        all.flip();
                        past.put("past_key_values." + layer + "." + kind, OnnxTensor.createTensor(env, all,
                                new long[] {batch, kvHeads, prompt.length, headDim}));
                    }
                }
            }
            long checksum = next[0];
            int length = prompt.length;
            OrtSession.Result previous = null;
            for (int step = 1; step < steps; step++) {
                inputs = new HashMap<>(past);
                long[] mask = new long[batch * (length + 1)];
                java.util.Arrays.fill(mask, 1);
                long[] position = new long[batch];
                java.util.Arrays.fill(position, length);
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(next), new long[] {batch, 1}));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask),
                        new long[] {batch, length + 1}));
                if (positions) {
                    inputs.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(position),
                            new long[] {batch, 1}));
                }
                OrtSession.Result result = session.run(inputs);
                inputs.get("input_ids").close();
                inputs.get("attention_mask").close();
                if (positions) {
                    inputs.get("position_ids").close();
                }
                if (previous != null) {
                    previous.close(); // its present tensors were this step's past
                } else {
                    past.values().forEach(OnnxTensor::close);
                }
                length++;
                FloatBuffer logits = ((OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer();
                int vocab = logits.capacity() / batch;
                next = new long[batch];
                for (int b = 0; b < batch; b++) {
                    if (sampler == null) {
                        next[b] = argMax(logits, b * vocab, vocab);
                    } else { // row was made at the prefill
                        logits.get(b * vocab, row);
                        next[b] = sampler.pick(row, random[b]);
                    }
                    checksum += next[b];
                }
                for (int layer = 0; layer < layers; layer++) {
                    for (String kind : new String[] {"key", "value"}) {
                        OnnxValue present = result.get("present." + layer + "." + kind).orElseThrow();
                        past.put("past_key_values." + layer + "." + kind, (OnnxTensor) present);
                    }
                }
                previous = result;
            }
            if (previous != null) {
                previous.close();
            } else {
                past.values().forEach(OnnxTensor::close);
            }
            return checksum;
        }

        private static int argMax(FloatBuffer logits, int from, int count) {
            int best = 0;
            float bestValue = logits.get(from);
            for (int v = 1; v < count; v++) {
                float value = logits.get(from + v);
                if (value > bestValue) {
                    bestValue = value;
                    best = v;
                }
            }
            return best;
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }
}
