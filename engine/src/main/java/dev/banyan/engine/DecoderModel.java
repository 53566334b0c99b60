package dev.banyan.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loaded model directory: the ONNX Runtime session, its config, the checked graph signature and the
 * tokenizer. Everything is validated at load, so later failures are runtime ones, not format ones.
 * Public for the reward models, which load their directories with another {@link Readout}.
 */
public final class DecoderModel implements AutoCloseable {
    /**
     * A system property: when set, ONNX Runtime profiles every session (each operator's time in each run) into a
     * JSON file named from its value and the model directory's name, written when the model closes.
     * {@code tools/ort_profile_summary.py} sums it by operator type.
     */
    public static final String PROFILE_PROPERTY = "banyan.ortProfile";

    final ModelFiles files;
    final DecoderConfig config;
    final GraphSignature signature;
    final KvLayout layout;
    final TextCodec codec;
    final OrtEnvironment env;
    final OrtSession session;
    /** Whether the session was opened profiling ({@link #PROFILE_PROPERTY}), so closing writes the profile. */
    private final boolean profiling;

    private DecoderModel(ModelFiles files, DecoderConfig config, GraphSignature signature, TextCodec codec,
                         OrtEnvironment env, OrtSession session, boolean profiling) {
        this.files = files;
        this.config = config;
        this.signature = signature;
        this.layout = KvLayout.of(config, signature);
        this.codec = codec;
        this.env = env;
        this.session = session;
        this.profiling = profiling;
    }

    /**
     * Loads {@code directory} onto {@code device} as a policy ({@link Readout#logits()}).
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     */
    static DecoderModel load(Path directory, Device device, int intraOpThreads) {
        return load(directory, null, device, intraOpThreads, Readout.logits());
    }

    /**
     * Loads {@code directory} onto {@code device}, checking its graph for {@code readout}.
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     */
    public static DecoderModel load(Path directory, Device device, int intraOpThreads, Readout readout) {
        return load(directory, null, device, intraOpThreads, readout);
    }

    /**
     * Loads the graph {@code variant} names in {@code directory}'s {@code onnx/} folder ({@code null}: the graph at
     * the root, or the only one there; see {@link ModelFiles}) onto {@code device}, checking it for {@code readout}.
     *
     * @param intraOpThreads ONNX Runtime's intra-op threads; 0 for its default (one per physical core)
     */
    public static DecoderModel load(Path directory, String variant, Device device, int intraOpThreads,
                                    Readout readout) {
        ModelFiles files = ModelFiles.locate(directory, variant);
        DecoderConfig config = DecoderConfig.read(files.config(), files.generationConfig());
        int tokens = TextCodec.vocabularySize(files.tokenizer());
        if (tokens > config.vocabSize()) {
            throw new IllegalArgumentException(files.tokenizer() + " has " + tokens + " tokens, more than the model's "
                    + "embedding holds (vocab_size=" + config.vocabSize() + " in " + files.config() + "); a token id past "
                    + (config.vocabSize() - 1) + " cannot be fed to the model: the tokenizer belongs to another model");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        boolean profiling;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            String profile = System.getProperty(PROFILE_PROPERTY);
            profiling = profile != null;
            if (profiling) {
                options.enableProfiling(profile + "-" + files.directory().getFileName());
            }
            device.configure(options);
            session = env.createSession(files.graph().toString(), options);
        } catch (OrtException e) {
            throw new IllegalArgumentException(missingExternalData(files.graph())
                    .orElse("cannot load " + files.graph() + ": " + e.getMessage()), e);
        }
        TextCodec codec = null;
        try {
            GraphSignature signature = GraphSignature.check(session, config, files.graph(), readout);
            codec = TextCodec.load(files.tokenizer());
            return new DecoderModel(files, config, signature, codec, env, session, profiling);
        } catch (RuntimeException e) {
            if (codec != null) {
                codec.close();
            }
            closeQuietly(session, e);
            throw e;
        }
    }

    /** Why ONNX Runtime could not load {@code graph} when an external data file it names is missing. */
    private static Optional<String> missingExternalData(Path graph) {
        Set<String> locations;
        try {
            locations = ExternalData.locations(graph);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        Path folder = graph.toAbsolutePath().getParent();
        List<String> missing = locations.stream().filter(name -> !Files.isRegularFile(folder.resolve(name))).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("cannot load " + graph + ": it keeps its weights in external data file"
                + (missing.size() > 1 ? "s " : " ") + missing.stream().map(name -> folder.resolve(name).toString())
                .collect(Collectors.joining(", ")) + ", which " + (missing.size() > 1 ? "are" : "is")
                + " missing; copy " + (missing.size() > 1 ? "them" : "it") + " beside the graph");
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
    public DecoderConfig config() {
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
            if (profiling) {
                System.err.println("ONNX Runtime profile of " + files.graph() + ": " + session.endProfiling());
            }
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
