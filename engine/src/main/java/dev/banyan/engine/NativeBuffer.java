package dev.banyan.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A direct, native-order buffer reused across forward passes; ONNX Runtime reads and writes such buffers in
 * place, without copying. Grows (doubling) when a pass needs more.
 */
final class NativeBuffer {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());

    /** A view of exactly {@code bytes} bytes at position 0, native order; valid until the next call. */
    ByteBuffer exact(int bytes) {
        if (bytes > buffer.capacity()) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes, 2L * buffer.capacity()));
            buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
        }
        return buffer.slice(0, bytes).order(ByteOrder.nativeOrder());
    }

    /** Makes room for {@code bytes} bytes, keeping what the buffer holds (which {@link #exact} would drop). */
    void reserveKeeping(int bytes) {
        if (bytes > buffer.capacity()) {
            ByteBuffer old = buffer;
            exact(bytes);
            buffer.put(0, old, 0, old.capacity());
        }
    }

    private static final byte[] ZEROS = new byte[8192];

    /** Writes {@code length} zero bytes into {@code target} at {@code offset}. */
    static void zero(ByteBuffer target, int offset, int length) {
        while (length > 0) {
            int chunk = Math.min(length, ZEROS.length);
            target.put(offset, ZEROS, 0, chunk);
            offset += chunk;
            length -= chunk;
        }
    }
}
