package dev.banyan.engine;

import java.nio.file.Path;

/**
 * What both engines' builders set alike: where the model is and runs, and how its inference thread batches.
 *
 * @param modelDirectory the model directory
 * @param device where the model runs
 * @param variant the graph in the directory's {@code onnx/} folder, or {@code null} to find it alone
 * @param intraOpThreads ONNX Runtime's intra-op threads; 0 lets it choose
 * @param maxBatchSequences most rows in one forward pass
 * @param maxBatchTokens most tokens (rows × width, padding included) in one forward pass
 * @param cacheBytes byte budget of the token-prefix KV cache
 * @param ownThread whether the engine runs its duty cycle on its own thread (else the caller does: tests)
 */
public record EngineSettings(Path modelDirectory, Device device, String variant, int intraOpThreads,
                             int maxBatchSequences, int maxBatchTokens, long cacheBytes, boolean ownThread) {

    /** Loads the model directory's graph onto the device, checking it for {@code readout}. */
    public DecoderModel load(Readout readout) {
        return DecoderModel.load(modelDirectory, variant, device, intraOpThreads, readout);
    }
}
