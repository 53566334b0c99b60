package dev.banyan.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * A loaded model directory: the ONNX Runtime session, its config, the checked graph signature and the
 * tokenizer. Everything is validated at load, so later failures are runtime ones, not format ones.
 * Public for the reward models, which load their directories with another {@link Readout}.
 */
public final class DecoderModel implements AutoCloseable {
    final ModelFiles files;
    final ModelConfig config;
    final GraphSignature signature;
    final KvLayout layout;
    final TextCodec codec;
    final OrtEnvironment env;
    final OrtSession session;

    private DecoderModel(ModelFiles files, ModelConfig config, GraphSignature signature, TextCodec codec,
                         OrtEnvironment env, OrtSession session) {
        this.files = files;
        this.config = config;
        this.signature = signature;
        this.layout = KvLayout.of(config, signature);
        this.codec = codec;
        this.env = env;
        this.session = session;
    }

    /**
     * Loads {@code directory} onto {@code device} as a policy ({@link Readout#logits()}).
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     */
    static DecoderModel load(Path directory, Device device, int intraOpThreads) {
        return load(directory, device, intraOpThreads, Readout.logits());
    }

    /**
     * Loads {@code directory} onto {@code device}, checking its graph for {@code readout}.
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     */
    public static DecoderModel load(Path directory, Device device, int intraOpThreads, Readout readout) {
        ModelFiles files = ModelFiles.locate(directory);
        ModelConfig config = ModelConfig.read(files.config(), files.generationConfig());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            device.configure(options);
            session = env.createSession(files.graph().toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load " + files.graph() + ": " + e.getMessage(), e);
        }
        TextCodec codec = null;
        try {
            GraphSignature signature = GraphSignature.check(session, config, files.graph(), readout);
            codec = TextCodec.load(files.tokenizer());
            return new DecoderModel(files, config, signature, codec, env, session);
        } catch (RuntimeException e) {
            if (codec != null) {
                codec.close();
            }
            closeQuietly(session, e);
            throw e;
        }
    }

    /** A new forward pass over this model, for one thread at a time. */
    public ForwardPass newPass() {
        return new ForwardPass(env, session, signature, layout, config);
    }

    /** The files the model was loaded from. */
    public ModelFiles files() {
        return files;
    }

    /** The config.json (and generation_config.json) read. */
    public ModelConfig config() {
        return config;
    }

    /** The checked graph inputs and outputs. */
    public GraphSignature signature() {
        return signature;
    }

    /** The size of one token's keys and values (no layers when the graph takes none). */
    public KvLayout layout() {
        return layout;
    }

    /** The tokenizer. */
    public TextCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        codec.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the session of " + files.graph(), e);
        }
    }

    private static void closeQuietly(OrtSession session, RuntimeException cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }
}
