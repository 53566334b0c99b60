/**
 * The policy engine: a decoder language model on ONNX Runtime behind {@link dev.banyan.search.Policy}.
 *
 * <p>Public: {@link dev.banyan.engine.PolicyEngine} (its builder, the policy, the lifecycle) and
 * {@link dev.banyan.engine.EngineStats}. The reward models ({@code dev.banyan.prm}) build on the same
 * machinery, so these building blocks are public too, with only the members they use: loading and checking a
 * model directory ({@link dev.banyan.engine.DecoderModel}, {@link dev.banyan.engine.Readout},
 * {@link dev.banyan.engine.Device}, {@link dev.banyan.engine.ModelFiles}, {@link dev.banyan.engine.ModelConfig},
 * {@link dev.banyan.engine.GraphSignature}, {@link dev.banyan.engine.TextCodec}), the batched forward pass
 * ({@link dev.banyan.engine.ForwardPass}) and the token-prefix KV cache ({@link dev.banyan.engine.PrefixCache},
 * {@link dev.banyan.engine.KvSnapshot}, {@link dev.banyan.engine.SequenceKv}, {@link dev.banyan.engine.KvLayout}).
 * Everything else is package-private: sampling and stopping ({@code Sampler}, {@code Generation}) and the
 * single inference thread that batches requests from every search thread ({@code DecodeLoop}).
 *
 * <p>Threads: search threads call {@code propose}, which tokenizes and enqueues; one inference thread per
 * model owns everything else (sessions, buffers, sequences, the cache), so those classes need no locks.
 */
package dev.banyan.engine;
