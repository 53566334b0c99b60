package dev.banyan.engine;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One batched forward pass of the decoder over rows of different lengths.
 *
 * <p>Layout. With {@code P} the longest past and {@code S} the longest chunk of new tokens among the rows, every
 * row is left-padded on both axes: its keys run {@code [P - past pad][past][S - chunk pad][chunk]}, and the
 * attention mask is 0 exactly on the pads. Pads in the past tensors are zeros (garbage there could be NaN,
 * which a mask cannot cancel). Position ids count only real tokens, so a row's positions are the same as if
 * it ran alone. The last real token of every row sits at index {@code S - 1}, where its logits are read.
 *
 * <p>Without KV. A graph that takes no past (a reward model scoring whole sequences) gets rows right-padded
 * instead: every row's real tokens start at index 0, so a graph that numbers positions 0..S-1 whatever the mask
 * (as many classifier exports do) still gives each row the positions it would have alone. Such a row is fed
 * whole, in one pass, from an empty sequence.
 *
 * <p>Output. The pass reads the signature's {@link Readout}: {@code logits} [rows, S, vocab] for the policy,
 * or a reward model's head; {@link #output} reads it at any new token of a row.
 *
 * <p>Buffers. Every input and output lives in a reused direct buffer: inputs are wrapped without a copy,
 * outputs are pinned (written in place by ONNX Runtime). After the run, each row's new keys and values are
 * appended to its {@link SequenceKv}, which stays the source of truth.
 *
 * <p>Fast paths. When a pass decodes one token per row for exactly the rows of the previous pass, which also
 * decoded one token per row, the previous {@code present} tensors already hold this pass's {@code past} in
 * the very layout the gather would build (same left padding, zeros included), so the past and present
 * buffers swap roles and the gather is skipped. When rows left or joined since (continuous batching: every
 * finished proposal leaves, a new one takes its place), the rows that carry on still sit in the previous
 * {@code present}, each in a block of the same length, provided the longest row is one of them or no longer.
 * Then a row's place in the batch need not be its place among the rows added: each row that carries on keeps its
 * place (its block is already where it must be), the rows that joined take the places left free and are
 * gathered there, and only a row whose place is now past the end moves into a free one. The gather stays the
 * oracle: all three give identical bytes, row for row.
 *
 * <p>Used by one thread at a time.
 */
public final class ForwardPass implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final GraphSignature signature;
    private final KvLayout layout;
    /** Values per position of the output read. */
    private final int outputWidth;
    private final long padId;
    /** No past: rows are right-padded and fed whole. */
    private final boolean rightPadded;

    private final NativeBuffer inputIds = new NativeBuffer();
    private final NativeBuffer mask = new NativeBuffer();
    private final NativeBuffer positions = new NativeBuffer();
    private final NativeBuffer logits = new NativeBuffer();
    private final NativeBuffer[] past;
    private final NativeBuffer[] present;
    private final String[] pastNames;
    private final String[] presentNames;

    private SequenceKv[] rowKv = new SequenceKv[8];
    private long[][] rowTokens = new long[8][];
    private int[] rowOffset = new int[8];
    private int[] rowCount = new int[8];
    private float[][] rowLogits = new float[8][];
    /** Each row's place in the batch tensors: its index among the rows added, unless the pass carries rows on. */
    private int[] placeOf = new int[8];
    private int rows;
    private int tokens;
    /** The last run's width (S) and output, for {@link #output}. */
    private int lastWidth;
    private ByteBuffer lastOutput;

    /** The rows of the last successful single-token pass, in order, and their lengths after it. */
    private SequenceKv[] previousKv = new SequenceKv[0];
    private int[] previousLength = new int[0];
    private int previousRows = -1;
    /** The previous single-token pass's positions (past and the new token): its {@code present}'s length. */
    private int previousTotal;
    private long reusedPasses;
    private long carriedPasses;
    private long gatheredRows;
    /** For each row of a carrying pass, its place in the previous pass, or -1 for a row that joined. */
    private int[] carriedFrom = new int[8];
    private boolean[] placeTaken = new boolean[8];

    ForwardPass(OrtEnvironment env, OrtSession session, GraphSignature signature, KvLayout layout, DecoderConfig config) {
        this.env = env;
        this.session = session;
        this.signature = signature;
        this.layout = layout;
        this.outputWidth = signature.readout().width();
        this.padId = config.padTokenId();
        this.rightPadded = layout.slots() == 0;
        past = new NativeBuffer[layout.slots()];
        present = new NativeBuffer[layout.slots()];
        pastNames = new String[layout.slots()];
        presentNames = new String[layout.slots()];
        for (int layer = 0; layer < layout.layers(); layer++) {
            for (boolean value : new boolean[] {false, true}) {
                int slot = KvLayout.slot(layer, value);
                past[slot] = new NativeBuffer();
                present[slot] = new NativeBuffer();
                pastNames[slot] = GraphSignature.pastName(layer, value);
                presentNames[slot] = GraphSignature.presentName(layer, value);
            }
        }
    }

    /** Removes every row. */
    public void clear() {
        Arrays.fill(rowKv, 0, rows, null);
        Arrays.fill(rowTokens, 0, rows, null);
        rows = 0;
        tokens = 0;
    }

    /** Adds a row feeding {@code tokens[offset, offset + count)} after the keys and values held by {@code kv}. */
    public void add(SequenceKv kv, long[] tokens, int offset, int count) {
        if (count < 1 || offset < 0 || offset + count > tokens.length) {
            throw new IllegalArgumentException("chunk [" + offset + ", " + (offset + count) + ") outside "
                    + tokens.length + " tokens");
        }
        if (rightPadded && kv.length() > 0) {
            throw new IllegalArgumentException("the graph takes no past_key_values: a row cannot continue a sequence of "
                    + kv.length() + " tokens");
        }
        if (rows == rowKv.length) {
            int capacity = 2 * rows;
            rowKv = Arrays.copyOf(rowKv, capacity);
            rowTokens = Arrays.copyOf(rowTokens, capacity);
            rowOffset = Arrays.copyOf(rowOffset, capacity);
            rowCount = Arrays.copyOf(rowCount, capacity);
            rowLogits = Arrays.copyOf(rowLogits, capacity);
            placeOf = Arrays.copyOf(placeOf, capacity);
        }
        rowKv[rows] = kv;
        rowTokens[rows] = tokens;
        rowOffset[rows] = offset;
        rowCount[rows] = count;
        rows++;
        this.tokens += count;
    }

    public int rows() {
        return rows;
    }

    /** Real (unpadded) tokens in the pass. */
    public int tokens() {
        return tokens;
    }

    /** The output after row {@code row}'s last token (its logits, for a policy); valid until the next {@link #run}. */
    public float[] logits(int row) {
        return rowLogits[row];
    }

    /**
     * Copies the output at new token {@code index} of row {@code row} (0 is the first token the row fed in this
     * pass) into {@code target}, which holds at least the readout's width; valid until the next {@link #run}.
     */
    public void output(int row, int index, float[] target) {
        if (row < 0 || row >= rows || index < 0 || index >= rowCount[row]) {
            throw new IndexOutOfBoundsException("token " + index + " of row " + row + " is not in the last pass");
        }
        read(lastOutput, placeOf[row], lead(row, lastWidth) + index, target);
    }

    /** Passes that reused the previous pass's outputs as their past instead of gathering it. */
    long reusedPasses() {
        return reusedPasses;
    }

    /** Passes that carried rows on from the previous pass's outputs and gathered or moved the rest. */
    long carriedPasses() {
        return carriedPasses;
    }

    /** Rows whose past was gathered from their snapshots: every row of a plain pass, the joining rows of a carrying one. */
    long gatheredRows() {
        return gatheredRows;
    }

    /** Runs the pass and appends each row's new keys and values to its sequence. */
    public void run() throws OrtException {
        if (rows == 0) {
            throw new IllegalStateException("a pass needs at least one row");
        }
        int pastLength = 0;
        int width = 0;
        for (int r = 0; r < rows; r++) {
            pastLength = Math.max(pastLength, rowKv[r].length());
            width = Math.max(width, rowCount[r]);
        }
        int total = pastLength + width;
        int kvHeads = layout.kvHeads();
        int rowBytes = layout.rowBytes();
        long largest = Math.max((long) rows * kvHeads * total * rowBytes, (long) rows * width * outputWidth * Float.BYTES);
        if (largest > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a pass of " + rows + " rows, " + total + " positions and width " + width
                    + " needs a tensor of " + largest + " bytes, over the 2 GiB a buffer holds; lower maxBatchSequences"
                    + " or maxBatchTokens");
        }

        int pastBytes = kvHeads * pastLength * rowBytes;
        int presentBytes = kvHeads * total * rowBytes;
        boolean carry = placeRows(width, pastLength, pastBytes);
        int previousPassRows = previousRows;
        previousRows = -1; // until this pass succeeds: from here on its buffers are rewritten

        ByteBuffer ids = inputIds.exact(rows * width * Long.BYTES);
        ByteBuffer attention = mask.exact(rows * total * Long.BYTES);
        ByteBuffer position = positions.exact(rows * width * Long.BYTES);
        for (int r = 0; r < rows; r++) {
            int pastLen = rowKv[r].length();
            int count = rowCount[r];
            int lead = lead(r, width);
            int place = placeOf[r];
            for (int i = 0; i < width; i++) {
                boolean real = i >= lead && i < lead + count;
                int index = (place * width + i) * Long.BYTES;
                ids.putLong(index, real ? rowTokens[r][rowOffset[r] + i - lead] : padId);
                position.putLong(index, real ? pastLen + i - lead : 0);
            }
            for (int j = 0; j < total; j++) {
                boolean real = j < pastLength ? j >= pastLength - pastLen
                        : j - pastLength >= lead && j - pastLength < lead + count;
                attention.putLong((place * total + j) * Long.BYTES, real ? 1 : 0);
            }
        }

        Map<String, OnnxTensor> inputs = new HashMap<>();
        Map<String, OnnxTensor> outputs = new HashMap<>();
        try {
            inputs.put(GraphSignature.INPUT_IDS, tensor(ids, OnnxJavaType.INT64, rows, width));
            inputs.put(GraphSignature.ATTENTION_MASK, tensor(attention, OnnxJavaType.INT64, rows, total));
            if (signature.hasPositionIds()) {
                inputs.put(GraphSignature.POSITION_IDS, tensor(position, OnnxJavaType.INT64, rows, width));
            }
            if (signature.hasUseCacheBranch()) {
                inputs.put(GraphSignature.USE_CACHE_BRANCH, OnnxTensor.createTensor(env, new boolean[] {pastLength > 0}));
            }
            int gathered = 0;
            int inPlace = 0;
            for (int r = 0; r < rows; r++) {
                int from = carry ? carriedFrom[r] : -1;
                gathered += from < 0 ? 1 : 0;
                inPlace += from == placeOf[r] ? 1 : 0;
            }
            for (int slot = 0; slot < layout.slots(); slot++) {
                // The previous pass's outputs, which may hold more rows than this pass: the carried rows' sources.
                ByteBuffer previous = carry ? past[slot].exact(previousPassRows * pastBytes) : null;
                ByteBuffer in = past[slot].exact(rows * pastBytes);
                for (int r = 0; r < rows; r++) {
                    int place = placeOf[r];
                    int from = carry ? carriedFrom[r] : -1;
                    if (from == place) {
                        continue; // carried on in its place
                    }
                    if (from >= 0) { // carried on from a place past this pass's rows, which nothing here overwrites
                        in.put(place * pastBytes, previous, from * pastBytes, pastBytes);
                        continue;
                    }
                    int pad = (pastLength - rowKv[r].length()) * rowBytes;
                    for (int head = 0; head < kvHeads; head++) {
                        int base = place * pastBytes + head * pastLength * rowBytes;
                        NativeBuffer.zero(in, base, pad);
                        rowKv[r].copyHead(slot, head, in, base + pad);
                    }
                }
                inputs.put(pastNames[slot], tensor(in, layout.type(), rows, kvHeads, pastLength, layout.headDim()));
                outputs.put(presentNames[slot], tensor(present[slot].exact(rows * presentBytes), layout.type(),
                        rows, kvHeads, total, layout.headDim()));
            }
            int logitBytes = signature.logitsType() == OnnxJavaType.FLOAT ? Float.BYTES : Short.BYTES;
            ByteBuffer out = logits.exact(rows * width * outputWidth * logitBytes);
            outputs.put(signature.readout().output(), signature.outputRank() == 3
                    ? tensor(out, signature.logitsType(), rows, width, outputWidth)
                    : tensor(out, signature.logitsType(), rows, width));

            session.run(inputs, Set.of(), outputs).close();

            lastWidth = width;
            lastOutput = out;
            readLogits(out);
            appendPresent(total, presentBytes);
            gatheredRows += gathered;
            if (carry) {
                if (inPlace == rows) {
                    reusedPasses++;
                } else {
                    carriedPasses++;
                }
            }
            if (width == 1) {
                rememberRows(total);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
            outputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Places the rows in the batch, filling {@link #placeOf}; returns whether the pass carries rows on from the
     * previous pass's outputs (see the class comment), with {@link #carriedFrom} filled. It can when this pass and
     * the previous one feed one token per row, the previous one succeeded, its length is this pass's past length
     * (so each carried row's block is laid out as the gather would lay it), and at least one row carries on. Each
     * carried row keeps its place when it is still within the batch; the other rows take the free places in turn.
     * Otherwise each row's place is its index. Makes each past buffer large enough, keeping the previous outputs.
     */
    private boolean placeRows(int width, int pastLength, int pastBytesPerRow) {
        for (int r = 0; r < rows; r++) {
            placeOf[r] = r;
        }
        if (width != 1 || previousRows < 1 || previousTotal != pastLength) {
            return false;
        }
        if (carriedFrom.length < rows) {
            carriedFrom = new int[rowKv.length];
            placeTaken = new boolean[rowKv.length];
        }
        boolean any = false;
        for (int r = 0; r < rows; r++) {
            carriedFrom[r] = -1;
            for (int i = 0; i < previousRows; i++) {
                if (previousKv[i] == rowKv[r] && previousLength[i] == rowKv[r].length()) {
                    carriedFrom[r] = i;
                    any = true;
                    break;
                }
            }
        }
        if (!any) {
            return false;
        }
        Arrays.fill(placeTaken, 0, rows, false);
        for (int r = 0; r < rows; r++) {
            if (carriedFrom[r] >= 0 && carriedFrom[r] < rows) {
                placeOf[r] = carriedFrom[r];
                placeTaken[carriedFrom[r]] = true;
            }
        }
        int free = 0;
        for (int r = 0; r < rows; r++) {
            if (carriedFrom[r] < 0 || carriedFrom[r] >= rows) {
                while (placeTaken[free]) {
                    free++;
                }
                placeOf[r] = free;
                placeTaken[free] = true;
            }
        }
        for (NativeBuffer buffer : past) {
            buffer.reserveKeeping(Math.max(rows, previousRows) * pastBytesPerRow);
        }
        return true;
    }

    /** Keeps this pass's outputs as the next pass's possible past: the present buffers become past buffers. */
    private void rememberRows(int total) {
        if (previousKv.length < rows) {
            previousKv = new SequenceKv[rowKv.length];
            previousLength = new int[rowKv.length];
        }
        Arrays.fill(previousKv, null);
        for (int r = 0; r < rows; r++) {
            previousKv[placeOf[r]] = rowKv[r];
            previousLength[placeOf[r]] = rowKv[r].length();
        }
        previousRows = rows;
        previousTotal = total;
        for (int slot = 0; slot < layout.slots(); slot++) {
            NativeBuffer swap = past[slot];
            past[slot] = present[slot];
            present[slot] = swap;
        }
    }

    private OnnxTensor tensor(ByteBuffer buffer, OnnxJavaType type, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, buffer, shape, type);
    }

    /** Where row {@code row}'s first new token sits in a pass of {@code width}: after its left padding. */
    private int lead(int row, int width) {
        return rightPadded ? 0 : width - rowCount[row];
    }

    private void readLogits(ByteBuffer out) {
        for (int r = 0; r < rows; r++) {
            float[] target = rowLogits[r];
            if (target == null) {
                target = rowLogits[r] = new float[outputWidth];
            }
            read(out, placeOf[r], lead(r, lastWidth) + rowCount[r] - 1, target);
        }
    }

    /** Copies the last run's output at padded index {@code index} of row {@code row} into {@code target}. */
    private void read(ByteBuffer out, int row, int index, float[] target) {
        if (signature.logitsType() == OnnxJavaType.FLOAT) {
            // One bulk copy (native order, as ONNX Runtime wrote it): a 152k-token row costs a memcpy, not 152k reads.
            out.asFloatBuffer().get((row * lastWidth + index) * outputWidth, target, 0, outputWidth);
        } else {
            int base = (row * lastWidth + index) * outputWidth * Short.BYTES;
            for (int v = 0; v < outputWidth; v++) {
                target[v] = Half.toFloat(out.getShort(base + v * Short.BYTES));
            }
        }
    }

    private void appendPresent(int total, int presentBytes) {
        int kvHeads = layout.kvHeads();
        int rowBytes = layout.rowBytes();
        for (int r = 0; r < rows; r++) {
            rowKv[r].reserve(rowCount[r]);
        }
        for (int slot = 0; slot < layout.slots(); slot++) {
            ByteBuffer out = present[slot].exact(rows * presentBytes);
            for (int r = 0; r < rows; r++) {
                int count = rowCount[r];
                for (int head = 0; head < kvHeads; head++) {
                    int offset = placeOf[r] * presentBytes + (head * total + total - count) * rowBytes;
                    rowKv[r].appendHead(slot, head, out, offset, count);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            rowKv[r].commit(rowCount[r]);
        }
    }

    @Override
    public void close() {
        clear();
        Arrays.fill(previousKv, null);
        previousRows = -1;
    }
}
