package dev.banyan.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The external data files an ONNX graph names ({@code model.onnx_data}, {@code model.onnx.data}, …), read from the
 * graph's protobuf without loading it: the {@code location} entries of its initializers' {@code external_data}.
 * Used after ONNX Runtime has refused a graph, to say which file is missing rather than pass on its message.
 *
 * <p>Only the path to the initializers is walked ({@code ModelProto.graph = 7}, {@code GraphProto.initializer = 5},
 * {@code TensorProto.external_data = 13}, {@code StringStringEntryProto.key = 1, value = 2}); every other field is
 * skipped by its length, so a graph of any size is read in a few reads.
 */
final class ExternalData {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_EXTERNAL_DATA = 13;

    private ExternalData() {
    }

    /** The distinct external data locations {@code graph} names, relative to its folder, in order of first use. */
    static Set<String> locations(Path graph) throws IOException {
        Set<String> locations = new LinkedHashSet<>();
        try (FileChannel channel = FileChannel.open(graph, StandardOpenOption.READ)) {
            Reader model = new Reader(channel, 0, channel.size());
            while (model.more()) {
                int tag = (int) model.varint();
                if (tag >>> 3 == MODEL_GRAPH && (tag & 7) == 2) {
                    Reader graphProto = model.nested();
                    while (graphProto.more()) {
                        int graphTag = (int) graphProto.varint();
                        if (graphTag >>> 3 == GRAPH_INITIALIZER && (graphTag & 7) == 2) {
                            readTensor(graphProto.nested(), locations);
                        } else {
                            graphProto.skip(graphTag);
                        }
                    }
                } else {
                    model.skip(tag);
                }
            }
        }
        return locations;
    }

    private static void readTensor(Reader tensor, Set<String> locations) throws IOException {
        while (tensor.more()) {
            int tag = (int) tensor.varint();
            if (tag >>> 3 == TENSOR_EXTERNAL_DATA && (tag & 7) == 2) {
                Reader entry = tensor.nested();
                String key = null;
                String value = null;
                while (entry.more()) {
                    int entryTag = (int) entry.varint();
                    if ((entryTag >>> 3 == 1 || entryTag >>> 3 == 2) && (entryTag & 7) == 2) {
                        String text = entry.string();
                        if (entryTag >>> 3 == 1) {
                            key = text;
                        } else {
                            value = text;
                        }
                    } else {
                        entry.skip(entryTag);
                    }
                }
                if ("location".equals(key) && value != null) {
                    locations.add(value);
                }
            } else {
                tensor.skip(tag);
            }
        }
    }

    /** A window [position, end) of the file, read through a small buffer. */
    private static final class Reader {
        private final FileChannel channel;
        private long position;
        private final long end;

        Reader(FileChannel channel, long position, long end) {
            this.channel = channel;
            this.position = position;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("malformed varint at byte " + position);
        }

        Reader nested() throws IOException {
            long length = varint();
            if (length < 0 || position + length > end) {
                throw new IOException("field at byte " + position + " runs past its message");
            }
            Reader inner = new Reader(channel, position, position + length);
            position += length;
            return inner;
        }

        String string() throws IOException {
            long length = varint();
            if (length < 0 || length > 1 << 20 || position + length > end) {
                throw new IOException("string at byte " + position + " is too long");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) length);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, position + bytes.position()) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            position += length;
            return new String(bytes.array(), StandardCharsets.UTF_8);
        }

        void skip(int tag) throws IOException {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> {
                    long length = varint();
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IOException("unsupported wire type " + (tag & 7) + " at byte " + position);
            }
            if (position > end) {
                throw new IOException("field runs past its message at byte " + end);
            }
        }

        private int readByte() throws IOException {
            if (position >= end) {
                throw new IOException("unexpected end of message at byte " + position);
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            if (channel.read(one, position) < 1) {
                throw new IOException("unexpected end of file");
            }
            position++;
            return one.get(0) & 0xff;
        }
    }
}
