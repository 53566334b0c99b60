package dev.banyan.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.agrona.collections.LongHashSet;

/**
 * Keys and values of token prefixes, bounded in bytes, so children of a node continue from its KV instead of
 * recomputing the shared text. Keyed by a 64-bit hash of the token prefix; a candidate is confirmed by
 * comparing its tokens, so a hash collision costs a miss, never a wrong answer. A lookup returns the longest
 * cached prefix of the query; the caller recomputes the rest.
 *
 * <p>Caffeine (size-weighted W-TinyLFU) holds the entries. A snapshot shares its ancestors' bytes and weighs
 * its own plus theirs ({@link KvSnapshot#weight()}), so the bytes reachable from the cache never exceed the
 * budget, whatever is evicted in which order; the price is that shared ancestors are charged more than once. A plain hash set of
 * the keys present lets a lookup probe every prefix length without touching Caffeine's frequency sketch.
 * Used by the inference thread only: Caffeine's maintenance and the removal listener run on the calling
 * thread ({@code executor(Runnable::run)}), so the key set needs no lock.
 */
public final class PrefixCache {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final long maxBytes;
    private final EngineCounters counters;
    private final Cache<Long, KvSnapshot> cache;
    private final LongHashSet present = new LongHashSet();
    /**
     * Keys of snapshots offered, evicted or not: tells recomputation from a prefix's first run. Two generations
     * of at most {@link #offeredPerGeneration} keys each: when the newer fills, the older is dropped, so a long
     * run's memory stays bounded and only prefixes offered long ago count as run for the first time again.
     */
    private LongHashSet offered = new LongHashSet();
    private LongHashSet offeredBefore = new LongHashSet();
    /**
     * One remembered key per {@value #BUDGET_BYTES_PER_OFFERED_KEY} bytes of budget, within bounds: the keys
     * (about 12 bytes each in a hash set) then cost about 1 % of the budget, so what the cache holds stays
     * proportional to its budget and a long run's heap goes flat as soon as the cache is full.
     */
    private final int offeredPerGeneration;
    static final long BUDGET_BYTES_PER_OFFERED_KEY = 2048;
    static final int MIN_OFFERED_PER_GENERATION = 1 << 10;
    static final int MAX_OFFERED_PER_GENERATION = 1 << 18;
    private long[] hashes = new long[256];

    /** A cache of at most {@code maxBytes} bytes of keys and values, counting nowhere. */
    public PrefixCache(long maxBytes) {
        this(maxBytes, new EngineCounters());
    }

    PrefixCache(long maxBytes, EngineCounters counters) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache budget must be >= 0 bytes, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.counters = counters;
        this.offeredPerGeneration = (int) Math.max(MIN_OFFERED_PER_GENERATION,
                Math.min(MAX_OFFERED_PER_GENERATION, maxBytes / BUDGET_BYTES_PER_OFFERED_KEY));
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Long key, KvSnapshot snapshot) -> (int) Math.min(Integer.MAX_VALUE, snapshot.weight()))
                .executor(Runnable::run)
                .removalListener((Long key, KvSnapshot snapshot, RemovalCause cause) -> {
                    if (cause != RemovalCause.REPLACED) {
                        present.remove(key.longValue());
                    }
                    if (cause.wasEvicted()) {
                        counters.cacheEvictions.incrementAndGet();
                    }
                })
                .build();
    }

    /** The cached snapshot that is the longest prefix of {@code tokens}, or {@code null}. */
    public KvSnapshot longestPrefix(long[] tokens) {
        counters.cacheLookups.incrementAndGet();
        if (hashes.length < tokens.length + 1) {
            hashes = new long[Math.max(tokens.length + 1, 2 * hashes.length)];
        }
        long running = 0;
        for (int i = 0; i < tokens.length; i++) {
            running = running * MULTIPLIER + tokens[i] + 1;
            hashes[i + 1] = finish(running, i + 1);
        }
        for (int length = tokens.length; length > 0; length--) {
            if (present.contains(hashes[length])) {
                KvSnapshot candidate = cache.getIfPresent(hashes[length]);
                if (candidate != null && candidate.length() == length && candidate.isPrefixOf(tokens)) {
                    counters.cacheHits.incrementAndGet();
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * The length of the longest prefix of {@code tokens} whose keys and values were computed and offered to this
     * cache before, whether or not it still holds them (0 if none), among the last one to two
     * {@link #offeredPerGeneration}s offered.
     * Hash-only: a collision could overstate it, with odds of about 2^-64 per probe.
     */
    public int longestPrefixOfferedBefore(long[] tokens) {
        long running = 0;
        int longest = 0;
        for (int i = 0; i < tokens.length; i++) {
            running = running * MULTIPLIER + tokens[i] + 1;
            long key = finish(running, i + 1);
            if (offered.contains(key) || offeredBefore.contains(key)) {
                longest = i + 1;
            }
        }
        return longest;
    }

    /** Offers a snapshot; the cache may evict others, or this one, to stay within budget. */
    public void put(KvSnapshot snapshot) {
        if (snapshot.length() == 0 || snapshot.weight() > maxBytes) {
            return;
        }
        long key = key(snapshot.tokens());
        if (offered.size() >= offeredPerGeneration) {
            offeredBefore = offered;
            offered = new LongHashSet();
        }
        offered.add(key);
        present.add(key);
        cache.put(key, snapshot);
        cache.cleanUp();
        publish();
    }

    /** Keys remembered for {@link #longestPrefixOfferedBefore}: at most twice {@link #offeredPerGeneration()}. */
    int offeredKeys() {
        return offered.size() + offeredBefore.size();
    }

    int offeredPerGeneration() {
        return offeredPerGeneration;
    }


    private void publish() {
        counters.cacheBytes.set(cache.policy().eviction().orElseThrow().weightedSize().orElse(0));
        counters.cacheEntries.set(cache.estimatedSize());
    }

    static long key(long[] tokens) {
        long running = 0;
        for (long token : tokens) {
            running = running * MULTIPLIER + token + 1;
        }
        return finish(running, tokens.length);
    }

    private static long finish(long running, int length) {
        long z = running ^ ((long) length << 32) ^ length;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
