/**
 * The policy engine: a decoder language model on ONNX Runtime behind {@link dev.banyan.search.Policy}.
 *
 * <p>Public: {@link dev.banyan.engine.PolicyEngine} (its builder, the policy, the lifecycle) and
 * {@link dev.banyan.engine.PolicyStats}. The reward models ({@code dev.banyan.prm}) build on the same
 * machinery, so these building blocks are public too, for them alone (the CLI's {@code ModuleBoundariesTest}
 * fails the build when another module's main code uses one), with only the members they use: the settings both
 * builders share ({@link dev.banyan.engine.EngineBuilder}, {@link dev.banyan.engine.EngineSettings}); the
 * lifecycle both engines share ({@link dev.banyan.engine.EngineLifecycle}: submit while open, close once);
 * loading and checking a model directory ({@link dev.banyan.engine.DecoderModel},
 * {@link dev.banyan.engine.Readout}, {@link dev.banyan.engine.Device}, {@link dev.banyan.engine.ModelFiles},
 * {@link dev.banyan.engine.DecoderConfig}, {@link dev.banyan.engine.GraphSignature},
 * {@link dev.banyan.engine.TextCodec}); the batched forward pass ({@link dev.banyan.engine.ForwardPass}); the
 * token-prefix KV cache ({@link dev.banyan.engine.PrefixCache}, {@link dev.banyan.engine.KvSnapshot},
 * {@link dev.banyan.engine.SequenceKv}, {@link dev.banyan.engine.KvLayout}); and the inference thread's duty
 * cycle ({@link dev.banyan.engine.BatchLoop}, an Agrona agent; {@link dev.banyan.engine.ForwardPassLoop}, the
 * pass skeleton both engines' loops share, with its {@code Row} and {@code Request};
 * {@link dev.banyan.engine.PassCounters}, the pass totals both count). {@link dev.banyan.engine.BenchmarkSampler}
 * is the JMH benchmarks' side door to the sampler, and nothing else's.
 *
 * <p>Everything else is package-private: the policy's duty cycle ({@code DecodeLoop}, with its requests
 * {@code Job} and batch rows {@code Sequence}); sampling and stopping ({@code Sampler}, {@code Generation},
 * and {@code RowSampler}, which samples a pass's rows on several threads when they are many and the vocabulary
 * large); text ({@code TokenDecoder}, which {@code TextCodec} implements, and {@code Detokenizer}, incremental
 * detokenisation); buffers and numbers ({@code NativeBuffer}, reused across passes, and {@code Half}, half
 * precision to float); {@code ExternalData}, which names the missing weights file when ONNX Runtime refuses a
 * graph; {@code InferenceThread}, which runs a duty cycle on its own thread; and the running totals behind
 * {@code PolicyStats} ({@code EngineCounters}).
 *
 * <p>{@code dev.banyan.engine.template} renders Hugging Face chat templates (a Jinja subset) from a model's
 * {@code tokenizer_config.json}; the API's chat prompts ({@code dev.banyan.api.ChatPrompt}) build on it.
 *
 * <p>Threads: search threads call {@code propose}, which tokenizes and enqueues; one inference thread per
 * model owns everything else (sessions, buffers, sequences, the cache), so those classes need no locks. The one
 * exception is sampling: the policy's inference thread may hand a pass's picks to its {@code RowSampler}'s
 * helper threads and wait for them; the helpers touch only the pass's logits and the picks' generators, and
 * write only their picks.
 */
package dev.banyan.engine;
