/**
 * The policy engine: a decoder language model on ONNX Runtime behind {@link dev.banyan.search.Policy}.
 *
 * <p>Public: {@link dev.banyan.engine.PolicyEngine} (its builder, the policy, the lifecycle) and
 * {@link dev.banyan.engine.EngineStats}. Everything else is package-private: loading and checking a model
 * directory ({@code ModelFiles}, {@code ModelConfig}, {@code GraphSignature}, {@code TextCodec}), the batched
 * forward pass ({@code ForwardPass}), sampling and stopping ({@code Sampler}, {@code Generation}), the token-prefix
 * KV cache ({@code PrefixCache}, {@code KvSnapshot}, {@code SequenceKv}) and the single inference thread that
 * batches requests from every search thread ({@code DecodeLoop}).
 *
 * <p>Threads: search threads call {@code propose}, which tokenizes and enqueues; one inference thread per
 * model owns everything else (sessions, buffers, sequences, the cache), so those classes need no locks.
 */
package dev.banyan.engine;
