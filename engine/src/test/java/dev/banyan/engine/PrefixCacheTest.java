package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixCacheTest {
    private static final KvLayout LAYOUT = new KvLayout(1, 1, 2, OnnxJavaType.FLOAT); // 16 bytes per token
    private static final int TOKEN = (int) LAYOUT.bytesPerToken();

    private static KvSnapshot snapshot(long... tokens) {
        return child(null, 0, tokens.length, tokens);
    }

    /** The first {@code parentLength} positions of {@code parent}, then {@code own}, in {@code capacity} own positions. */
    private static KvSnapshot child(KvSnapshot parent, int parentLength, int capacity, long... own) {
        long[] tokens = new long[parentLength + own.length];
        if (parentLength > 0) {
            System.arraycopy(parent.tokens(), 0, tokens, 0, parentLength);
        }
        System.arraycopy(own, 0, tokens, parentLength, own.length);
        byte[][] slots = new byte[LAYOUT.slots()][capacity * TOKEN / LAYOUT.slots()];
        return new KvSnapshot(LAYOUT, tokens, parent, parentLength, slots, capacity);
    }

    private static long[] tokens(int count, long first) {
        long[] tokens = new long[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = first + i;
        }
        return tokens;
    }

    /**
     * The slow, obvious twin of the cache's accounting: walks every entry's chain and sums the distinct snapshots'
     * own bytes. Every snapshot reachable must be an entry, the bytes counted must be the bytes reachable, within
     * the budget, and the pinned entries exactly those with a cached child.
     */
    private static void assertAccounted(PrefixCache cache, EngineCounters counters, long budget) {
        Map<KvSnapshot, Boolean> entries = cache.entries();
        Set<KvSnapshot> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<KvSnapshot> withChildren = Collections.newSetFromMap(new IdentityHashMap<>());
        for (KvSnapshot entry : entries.keySet()) {
            for (KvSnapshot s = entry; s != null; s = s.parent()) {
                reachable.add(s);
            }
            if (entry.parent() != null) {
                withChildren.add(entry.parent());
            }
        }
        long reachableBytes = 0;
        for (KvSnapshot s : reachable) {
            assertThat(entries).as("a cached snapshot's ancestor is cached").containsKey(s);
            reachableBytes += s.ownBytes();
        }
        assertThat(counters.cacheBytes.get()).as("bytes counted").isEqualTo(reachableBytes).isLessThanOrEqualTo(budget);
        assertThat(counters.cacheEntries.get()).isEqualTo(entries.size());
        entries.forEach((s, pinned) -> assertThat(pinned).as("pinned exactly when it has cached children")
                .isEqualTo(withChildren.contains(s)));
        for (KvSnapshot s : entries.keySet()) {
            assertThat(cache.longestPrefix(s.tokens())).as("each entry findable").isSameAs(s);
        }
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

    /** Charged its ancestors too, the tenth snapshot weighed 10 KB and the chain 55 KB: it did not fit in 10 KB. */
    @Test
    void aDeepChainFitsInTheSumOfItsOwnBytes() {
        EngineCounters counters = new EngineCounters();
        long budget = 10 * 1024;
        PrefixCache cache = new PrefixCache(budget, counters);
        List<KvSnapshot> chain = new ArrayList<>();
        KvSnapshot parent = null;
        for (int depth = 0; depth < 10; depth++) {
            parent = child(parent, parent == null ? 0 : parent.length(), 64, tokens(64, 1000 * depth)); // 1 KB own
            chain.add(parent);
            cache.put(parent);
            assertAccounted(cache, counters, budget);
        }
        assertThat(counters.cacheBytes.get()).isEqualTo(budget);
        assertThat(counters.cacheEntries.get()).isEqualTo(10);
        assertThat(counters.cacheEvictions.get()).isZero();
        assertThat(cache.longestPrefix(chain.get(9).tokens())).isSameAs(chain.get(9));

        // A sibling of the last: the leaf goes to make room, the ancestors they share stay.
        KvSnapshot sibling = child(chain.get(8), chain.get(8).length(), 64, tokens(64, 50_000));
        cache.put(sibling);
        assertAccounted(cache, counters, budget);
        assertThat(cache.longestPrefix(sibling.tokens())).isSameAs(sibling);
        assertThat(cache.longestPrefix(chain.get(9).tokens())).isSameAs(chain.get(8));
        assertThat(counters.cacheEvictions.get()).isEqualTo(1);

        // Eleven levels (11 KB) exceed the budget however the rest is evicted: not cached, nothing evicted for it.
        cache.put(child(sibling, sibling.length(), 64, tokens(64, 60_000)));
        assertAccounted(cache, counters, budget);
        assertThat(cache.longestPrefix(sibling.tokens())).isSameAs(sibling);
        assertThat(counters.cacheEvictions.get()).isEqualTo(1);
    }

    @Test
    void aChildOfAnEvictedSnapshotBringsItsAncestorsBack() {
        EngineCounters counters = new EngineCounters();
        long budget = 6 * TOKEN;
        PrefixCache cache = new PrefixCache(budget, counters);
        KvSnapshot root = snapshot(1, 2);
        KvSnapshot middle = child(root, 2, 2, 3, 4);
        cache.put(root);
        cache.put(middle);
        assertThat(cache.entries()).containsEntry(root, true).containsEntry(middle, false);

        KvSnapshot other = snapshot(9, 9, 9, 9); // evicts the leaf; its parent, a leaf now, fits beside
        cache.put(other);
        assertAccounted(cache, counters, budget);
        assertThat(cache.entries()).containsOnlyKeys(root, other).containsEntry(root, false);

        KvSnapshot leaf = child(middle, 4, 1, 5);
        cache.put(leaf);
        assertAccounted(cache, counters, budget);
        assertThat(cache.entries()).hasSize(3)
                .containsEntry(root, true).containsEntry(middle, true).containsEntry(leaf, false);
        assertThat(cache.longestPrefix(new long[] {1, 2, 3, 4, 7})).isSameAs(middle);
        assertThat(counters.cacheEvictions.get()).isEqualTo(2);
    }

    /**
     * The same tokens frozen twice (two requests with one context) or a snapshot that recomputed part of its
     * parent: one entry per prefix, so the copy is not cached while the first serves the same lookups.
     */
    @Test
    void aSecondCopyOfANeededPrefixIsNotCachedBesideIt() {
        EngineCounters counters = new EngineCounters();
        PrefixCache cache = new PrefixCache(1 << 20, counters);
        KvSnapshot context = snapshot(1, 2, 3);
        KvSnapshot step = child(context, 3, 1, 4);
        cache.put(context);
        cache.put(step);

        KvSnapshot copy = snapshot(1, 2, 3);
        cache.put(copy);
        cache.put(child(copy, 3, 1, 5));
        cache.put(child(context, 1, 2, 2, 3)); // positions 1 and 2 recomputed: the context's own tokens
        assertAccounted(cache, counters, 1 << 20);
        assertThat(cache.entries()).containsOnlyKeys(context, step);
        assertThat(cache.longestPrefix(new long[] {1, 2, 3, 5})).isSameAs(context);

        KvSnapshot otherStep = child(step, 4, 1, 6);
        cache.put(child(step, 4, 1, 6));
        cache.put(otherStep); // a leaf's copy takes its key, as before
        assertAccounted(cache, counters, 1 << 20);
        assertThat(cache.longestPrefix(new long[] {1, 2, 3, 4, 6})).isSameAs(otherStep);
        assertThat(counters.cacheEvictions.get()).isZero();
    }

    /**
     * Random trees of snapshots (random parents, some reusing part of the parent, some owning no positions or
     * spare capacity, tokens from a small alphabet so that prefixes repeat) against {@link #assertAccounted}
     * after every call, with budgets small enough to evict often.
     */
    @ParameterizedTest
    @CsvSource({"1, 8", "2, 24", "3, 64", "4, 200", "5, 1"})
    void randomTreesKeepEveryAncestorCachedOnceWithinTheBudget(long seed, int budgetTokens) {
        EngineCounters counters = new EngineCounters();
        long budget = (long) budgetTokens * TOKEN + seed; // not always a whole number of tokens
        PrefixCache cache = new PrefixCache(budget, counters);
        Random random = new Random(seed);
        List<KvSnapshot> made = new ArrayList<>();
        for (int call = 0; call < 3_000; call++) {
            int kind = random.nextInt(10);
            if (kind == 0 && !made.isEmpty()) {
                cache.put(made.get(random.nextInt(made.size()))); // again, cached or evicted since
            } else if (kind == 1) {
                cache.longestPrefix(randomTokens(random, 1 + random.nextInt(12)));
            } else {
                KvSnapshot parent = null;
                if (!made.isEmpty() && random.nextInt(10) != 0) {
                    int index = random.nextBoolean() ? random.nextInt(made.size())
                            : made.size() - 1 - random.nextInt(Math.min(made.size(), 20));
                    parent = made.get(index);
                }
                int parentLength = parent == null ? 0
                        : random.nextInt(4) == 0 ? random.nextInt(parent.length() + 1) : parent.length();
                int own = random.nextInt(6);
                if (parentLength + own == 0) {
                    own = 1;
                }
                int capacity = own + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                KvSnapshot snapshot = child(parent, parentLength, capacity, randomTokens(random, own));
                made.add(snapshot);
                cache.put(snapshot);
            }
            assertAccounted(cache, counters, budget);
        }
        if (budgetTokens < 200) {
            assertThat(counters.cacheEvictions.get()).as("the budget was reached").isPositive();
        }
    }

    private static long[] randomTokens(Random random, int count) {
        long[] tokens = new long[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = random.nextInt(3);
        }
        return tokens;
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
