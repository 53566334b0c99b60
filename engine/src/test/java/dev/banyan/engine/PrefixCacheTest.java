package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import org.junit.jupiter.api.Test;

class PrefixCacheTest {
    private static final KvLayout LAYOUT = new KvLayout(1, 1, 2, OnnxJavaType.FLOAT); // 16 bytes per token

    private static KvSnapshot snapshot(long... tokens) {
        byte[][] slots = new byte[LAYOUT.slots()][(int) (tokens.length * LAYOUT.bytesPerToken() / LAYOUT.slots())];
        return new KvSnapshot(LAYOUT, tokens, null, 0, slots, tokens.length);
    }

    @Test
    void findsTheLongestCachedPrefix() {
        EngineCounters counters = new EngineCounters();
        PrefixCache cache = new PrefixCache(1 << 20, counters);
        cache.put(snapshot(1, 2));
        cache.put(snapshot(1, 2, 3, 4));
        cache.put(snapshot(1, 2, 3, 4, 5, 6, 7));
        cache.put(snapshot(9, 9, 9));

        assertThat(cache.longestPrefix(new long[] {1, 2, 3, 4, 5, 6}).tokens()).containsExactly(1, 2, 3, 4);
        assertThat(cache.longestPrefix(new long[] {1, 2, 3, 4, 5, 6, 7, 8}).length()).isEqualTo(7);
        assertThat(cache.longestPrefix(new long[] {1, 2, 3}).length()).isEqualTo(2);
        assertThat(cache.longestPrefix(new long[] {1, 3})).isNull();
        assertThat(cache.longestPrefix(new long[] {2, 1, 2, 3, 4})).as("a prefix, not any substring").isNull();
        assertThat(counters.cacheLookups.get()).isEqualTo(5);
        assertThat(counters.cacheHits.get()).isEqualTo(3);
        assertThat(counters.cacheEntries.get()).isEqualTo(4);
        assertThat(counters.cacheBytes.get()).isEqualTo((2 + 4 + 7 + 3) * 16);
    }

    @Test
    void staysWithinItsByteBudgetByEvicting() {
        EngineCounters counters = new EngineCounters();
        PrefixCache cache = new PrefixCache(10 * 16, counters); // ten tokens' worth
        for (int i = 0; i < 20; i++) {
            cache.put(snapshot(100 + i, 1, 2, 3));
            assertThat(counters.cacheBytes.get()).isLessThanOrEqualTo(10 * 16);
        }
        assertThat(counters.cacheEvictions.get()).isGreaterThanOrEqualTo(20 - 2);
        int found = 0;
        for (int i = 0; i < 20; i++) {
            found += cache.longestPrefix(new long[] {100 + i, 1, 2, 3, 4}) != null ? 1 : 0;
        }
        assertThat(found).isEqualTo(counters.cacheEntries.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void snapshotsOverTheBudgetAndEmptyOnesAreNotKept() {
        EngineCounters counters = new EngineCounters();
        PrefixCache cache = new PrefixCache(3 * 16, counters);
        cache.put(snapshot(1, 2, 3, 4));
        cache.put(snapshot());
        assertThat(cache.longestPrefix(new long[] {1, 2, 3, 4})).isNull();
        assertThat(counters.cacheEntries.get()).isZero();
        PrefixCache off = new PrefixCache(0, counters);
        off.put(snapshot(1));
        assertThat(off.longestPrefix(new long[] {1})).isNull();
    }

    @Test
    void replacingAnEntryKeepsItFindable() {
        EngineCounters counters = new EngineCounters();
        PrefixCache cache = new PrefixCache(1 << 20, counters);
        cache.put(snapshot(5, 6));
        KvSnapshot again = snapshot(5, 6);
        cache.put(again);
        assertThat(cache.longestPrefix(new long[] {5, 6, 7})).isSameAs(again);
        assertThat(counters.cacheEvictions.get()).isZero();
    }

    @Test
    void prefixHashesDependOnOrderAndLength() {
        assertThat(PrefixCache.key(new long[] {1, 2})).isNotEqualTo(PrefixCache.key(new long[] {2, 1}));
        assertThat(PrefixCache.key(new long[] {0})).isNotEqualTo(PrefixCache.key(new long[] {0, 0}));
        assertThat(PrefixCache.key(new long[] {})).isNotEqualTo(PrefixCache.key(new long[] {0}));
    }

    @Test
    void remembersOfferedKeysInProportionToItsBudget() {
        assertThat(new PrefixCache(1L << 28, new EngineCounters()).offeredPerGeneration())
                .isEqualTo((int) ((1L << 28) / PrefixCache.BUDGET_BYTES_PER_OFFERED_KEY));
        assertThat(new PrefixCache(1L << 40, new EngineCounters()).offeredPerGeneration())
                .isEqualTo(PrefixCache.MAX_OFFERED_PER_GENERATION);
    }

    /** Before, every key ever offered was kept: a long run's memory grew without bound. */
    @Test
    void remembersABoundedNumberOfOfferedPrefixes() {
        PrefixCache cache = new PrefixCache(64 * 16, new EngineCounters());
        assertThat(cache.offeredPerGeneration()).isEqualTo(PrefixCache.MIN_OFFERED_PER_GENERATION);
        int offers = 2 * cache.offeredPerGeneration() + 1000;
        for (int i = 0; i < offers; i++) {
            cache.put(snapshot(i));
            assertThat(cache.offeredKeys()).isLessThanOrEqualTo(2 * cache.offeredPerGeneration());
        }
        assertThat(cache.longestPrefixOfferedBefore(new long[] {offers - 1, 5})).as("a recent offer").isEqualTo(1);
        assertThat(cache.longestPrefixOfferedBefore(new long[] {0, 5})).as("forgotten after two generations").isZero();
    }
}
