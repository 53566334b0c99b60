package dev.banyan.engine;

import ai.onnxruntime.OnnxJavaType;

/**
 * The size of one token's attention keys and values: {@code 2 · layers} tensors ("slots", key then value per
 * layer), each {@code kvHeads × headDim} elements of {@code elementBytes}. KV is moved as raw bytes, so float32
 * and float16 caches take the same code path. A graph without KV inputs has a layout of no layers.
 */
public record KvLayout(int layers, int kvHeads, int headDim, OnnxJavaType type) {

    public KvLayout {
        if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.FLOAT16) {
            throw new IllegalArgumentException("KV must be float32 or float16, was " + type);
        }
    }

    static KvLayout of(DecoderConfig config, GraphSignature signature) {
        return signature.hasKv()
                ? new KvLayout(config.layers(), config.kvHeads(), config.headDim(), signature.kvType())
                : new KvLayout(0, config.kvHeads(), config.headDim(), OnnxJavaType.FLOAT);
    }

    /** Key and value per layer. */
    int slots() {
        return 2 * layers;
    }

    int elementBytes() {
        return type == OnnxJavaType.FLOAT ? 4 : 2;
    }

    /** Bytes of one head at one position. */
    int rowBytes() {
        return headDim * elementBytes();
    }

    /** Bytes of every slot and head at one position. */
    long bytesPerToken() {
        return (long) slots() * kvHeads * rowBytes();
    }

    static int slot(int layer, boolean value) {
        return 2 * layer + (value ? 1 : 0);
    }
}
