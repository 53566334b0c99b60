package dev.banyan.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings every engine's builder shares (device, graph variant, threads, batch limits, KV cache budget),
 * each checked when set. {@link PolicyEngine.Builder} and the reward model's builder add their own and build
 * from {@link #settings()}.
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract class EngineBuilder<B extends EngineBuilder<B>> {
    private final Path modelDirectory;
    private Device device = Device.CPU;
    private String variant;
    private int intraOpThreads;
    private int maxBatchSequences = 32;
    private int maxBatchTokens = 1024;
    private long cacheBytes;
    private boolean ownThread = true;

    /** @param defaultCacheBytes the KV cache budget until one is set */
    protected EngineBuilder(Path modelDirectory, long defaultCacheBytes) {
        this.modelDirectory = Objects.requireNonNull(modelDirectory, "modelDirectory");
        this.cacheBytes = defaultCacheBytes;
    }

    /** {@code cpu} (the default), {@code cuda} or {@code cuda:N}. */
    public B device(String device) {
        this.device = Device.parse(device);
        return self();
    }

    /**
     * The graph to load from the model's {@code onnx/} folder (transformers.js / onnx-community layout), by
     * variant ({@code fp16}, {@code q4}, {@code quantized}, {@code fp32} for {@code model.onnx}) or file name;
     * {@code null} (the default) finds it alone: the graph at the root, else the only one in {@code onnx/}
     * (see {@link ModelFiles}).
     */
    public B variant(String variant) {
        check(variant == null || !variant.isBlank(), "variant must not be blank", variant);
        this.variant = variant;
        return self();
    }

    /** Most rows (sequences) in one forward pass. Default 32. */
    public B maxBatchSequences(int sequences) {
        check(sequences >= 1, "maxBatchSequences must be positive", sequences);
        this.maxBatchSequences = sequences;
        return self();
    }

    /**
     * Most tokens (rows × width, padding included) in one forward pass; a reward model without KV still runs a
     * single longer text alone. Default 1024.
     */
    public B maxBatchTokens(int tokens) {
        check(tokens >= 1, "maxBatchTokens must be positive", tokens);
        this.maxBatchTokens = tokens;
        return self();
    }

    /** ONNX Runtime's intra-op threads; 0 (the default) lets it choose. */
    public B intraOpThreads(int threads) {
        check(threads >= 0, "intraOpThreads must be >= 0", threads);
        this.intraOpThreads = threads;
        return self();
    }

    /** Sets the KV cache budget; {@code setter} is the public setter's name, for the message. */
    protected final B cacheBytes(String setter, long bytes) {
        check(bytes >= 0, setter + " must be >= 0", bytes);
        this.cacheBytes = bytes;
        return self();
    }

    /** No inference thread: the caller runs the loop's {@code doWork()} itself (tests). */
    protected final B callerDriven() {
        this.ownThread = false;
        return self();
    }

    /** The settings as set so far. */
    protected final EngineSettings settings() {
        return new EngineSettings(modelDirectory, device, variant, intraOpThreads, maxBatchSequences, maxBatchTokens,
                cacheBytes, ownThread);
    }

    /** Fails with "{@code rule}, was {@code value}" unless {@code valid}. */
    protected static void check(boolean valid, String rule, Object value) {
        if (!valid) {
            throw new IllegalArgumentException(rule + ", was " + value);
        }
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
