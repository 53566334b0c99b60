package dev.banyan.engine;

/**
 * A row of the running batch: either a job's context being prefilled (no generation yet), or one proposal
 * being decoded. Tokens still to feed are {@code input[offset, input.length)}.
 */
final class Sequence implements ForwardPassLoop.Row {
    final Job job;
    final SequenceKv kv;
    /** The proposal being decoded, or {@code null} while prefilling. */
    final Generation generation;
    /** The proposal's index within its job. */
    final int index;
    /** For a prefill: the cached prefix it started from, or {@code null}. */
    final KvSnapshot cachedPrefix;
    private final long[] input;
    private int offset;

    private Sequence(Job job, SequenceKv kv, Generation generation, int index, KvSnapshot cachedPrefix,
                     long[] input, int offset) {
        this.job = job;
        this.kv = kv;
        this.generation = generation;
        this.index = index;
        this.cachedPrefix = cachedPrefix;
        this.input = input;
        this.offset = offset;
    }

    static Sequence prefill(Job job, SequenceKv kv, KvSnapshot cachedPrefix, int reused) {
        return new Sequence(job, kv, null, -1, cachedPrefix, job.tokens, reused);
    }

    /** A proposal whose first token was sampled; it feeds that token next. */
    static Sequence decode(Job job, SequenceKv kv, Generation generation, int index) {
        Sequence sequence = new Sequence(job, kv, generation, index, null, new long[1], 0);
        sequence.input[0] = generation.last();
        return sequence;
    }

    boolean isPrefill() {
        return generation == null;
    }

    @Override
    public SequenceKv kv() {
        return kv;
    }

    @Override
    public long[] input() {
        return input;
    }

    @Override
    public int offset() {
        return offset;
    }

    @Override
    public int pending() {
        return input.length - offset;
    }

    @Override
    public Job job() {
        return job;
    }

    /** Marks {@code count} tokens as fed. */
    void advance(int count) {
        offset += count;
    }

    /** Queues the newly sampled token (decoding only). */
    void feed(long token) {
        input[0] = token;
        offset = 0;
    }
}
