package dev.banyan.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.banyan.engine.PolicyEngine;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * from one context, against a bare loop of {@code OrtSession.run} over the same shapes (a prefill of the
 * context for every row, then one token per row per step, each step's {@code present} fed back as the next
 * {@code past}, greedy arg-max). The bare loop is the floor: what ONNX Runtime costs with no batching, cache,
 * sampling, stop checks or detokenizing. Both use one intra-op thread. The {@code tokens} counter reports
 * generated tokens per second.
 *
 * <pre>
 * mvn -B -ntp -o -q -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DecodeThroughput -p model=$PWD/engine/src/test/resources/fixtures/llama-tiny
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
    @Param("engine/src/test/resources/fixtures/llama-tiny")
    public String model;

    /** Sequences decoded together. */
    @Param({"1", "8", "32"})
    public int batch;

    /** Tokens generated per sequence. */
    @Param("32")
    public int tokens;

    private PolicyEngine engine;
    private BareLoop bare;
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
        engine = PolicyEngine.builder(dir).intraOpThreads(1).maxBatchSequences(Math.max(32, batch)).build();
        bare = new BareLoop(dir.resolve("model.onnx"));
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
        long checksum = bare.decode(batch, CONTEXT.length() + 1, tokens);
        generated.tokens += (long) batch * tokens;
        return checksum;
    }

    /** A minimal greedy decoder: no padding (all rows alike), present outputs fed straight back as past. */
    static final class BareLoop implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final int layers;
        private final int kvHeads;
        private final int headDim;
        private final boolean positions;

        BareLoop(Path graph) throws OrtException {
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

        long decode(int batch, int prompt, int steps) throws OrtException {
            Map<String, OnnxTensor> past = new HashMap<>();
            for (int layer = 0; layer < layers; layer++) {
                for (String kind : new String[] {"key", "value"}) {
                    past.put("past_key_values." + layer + "." + kind, OnnxTensor.createTensor(env,
                            FloatBuffer.allocate(0), new long[] {batch, kvHeads, 0, headDim}));
                }
            }
            long checksum = 0;
            long[][] ids = new long[batch][prompt];
            for (long[] row : ids) {
                for (int i = 0; i < prompt; i++) {
                    row[i] = 4 + i % 50;
                }
            }
            int length = 0;
            OrtSession.Result previous = null;
            for (int step = 0; step < steps; step++) {
                int width = ids[0].length;
                Map<String, OnnxTensor> inputs = new HashMap<>(past);
                long[][] mask = new long[batch][length + width];
                long[][] position = new long[batch][width];
                for (int b = 0; b < batch; b++) {
                    java.util.Arrays.fill(mask[b], 1);
                    for (int i = 0; i < width; i++) {
                        position[b][i] = length + i;
                    }
                }
                inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
                if (positions) {
                    inputs.put("position_ids", OnnxTensor.createTensor(env, position));
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
                length += width;
                float[][][] logits = (float[][][]) result.get("logits").orElseThrow().getValue();
                ids = new long[batch][1];
                for (int b = 0; b < batch; b++) {
                    float[] last = logits[b][width - 1];
                    int best = 0;
                    for (int v = 1; v < last.length; v++) {
                        if (last[v] > last[best]) {
                            best = v;
                        }
                    }
                    ids[b][0] = best;
                    checksum += best;
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
            }
            return checksum;
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }
}
