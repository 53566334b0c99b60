package dev.banyan.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * A loaded model directory: the ONNX Runtime session, its config, the checked graph signature and the
 * tokenizer. Everything is validated at load, so later failures are runtime ones, not format ones.
 */
final class DecoderModel implements AutoCloseable {
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
     * Loads {@code directory} onto {@code device}.
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     */
    static DecoderModel load(Path directory, Device device, int intraOpThreads) {
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
            GraphSignature signature = GraphSignature.check(session, config, files.graph());
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

    ForwardPass newPass() {
        return new ForwardPass(env, session, signature, layout, config);
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
