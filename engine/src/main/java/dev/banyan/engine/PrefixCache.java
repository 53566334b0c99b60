package dev.banyan.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

/**
 * Keys and values of token prefixes, bounded in bytes, so children of a node continue from its KV instead of
 * recomputing the shared text. Keyed by a 64-bit hash of the token prefix; a candidate is confirmed by
 * comparing its tokens, so a hash collision costs a miss, never a wrong answer. A lookup returns the longest
 * cached prefix of the query; the caller recomputes the rest.
 *
 * <p><b>Accounting.</b> A snapshot shares its parent's bytes, and the parent its own parent's: a chain as deep
 * as the search tree. The cache charges each entry its own bytes only ({@link KvSnapshot#ownBytes()}) and keeps
 * one invariant between calls: every snapshot reachable from an entry (its ancestor chain) is itself an entry,
 * exactly once. The bytes charged are then exactly the bytes the cache keeps reachable, each shared ancestor
 * counted once, and they never exceed the budget; a chain of ten 1-KB snapshots fits in 10 KB. To hold the
 * invariant, an entry with cached children is <em>pinned</em> (not evictable) and only leaves are evicted; when
 * a node's last cached child goes, the node becomes a leaf and may go in turn. A put whose ancestors are not
 * all cached (evicted earlier) adds them back, pinned. A snapshot whose chain alone exceeds the budget
 * ({@link KvSnapshot#chainBytes()}) is not cached.
 *
 * <p><b>Mechanism.</b> Caffeine (size-weighted W-TinyLFU) holds the leaves, each weighing its own bytes (at
 * least 1, so that a leaf that owns nothing can go too and free its parent), and picks the ones to evict. Pinned
 * entries live beside it in a plain map: an entry moves there when it gets its first cached child and back into
 * Caffeine when it loses its last. (Caffeine's own way to pin, a weight of 0, left every pinned entry in its
 * admission window, where each maintenance walked past them all: half of the policy thread's Java time in a
 * 64-problem run.) The pinned bytes are counted here, and Caffeine's maximum is the budget less them
 * ({@code setMaximum}), so pinned bytes plus Caffeine's weighted size stay within the budget. The removal
 * listener only books the removal of a leaf and queues the parent that lost a child; the queue is worked off
 * before a put returns (unpinning a parent raises the maximum before it goes back into Caffeine, so it is evicted
 * only if it must be), until nothing changes. A new leaf is admitted after the maximum was first lowered by its
 * weight, so Caffeine evicts other leaves for it rather than rejecting it outright; the put's own ancestors are
 * pinned by then. Moving an entry out to pin it is not a removal.
 *
 * <p>One entry per key: a key whose entry is another snapshot of the same tokens (a prefix frozen twice, say
 * by two requests with the same context, or computed again after its first copy was evicted while children
 * were still decoding from it) is taken over by the new snapshot if the old one is a leaf; if the old one is
 * pinned, or is the new snapshot's own ancestor, the new snapshot is not cached, since the old one serves the
 * same lookups and caching both would break the invariant.
 *
 * <p>A plain hash set of the keys present lets a lookup probe every prefix length without touching Caffeine's
 * frequency sketch. Used by the inference thread only: Caffeine's maintenance and the removal listener run on
 * the calling thread ({@code executor(Runnable::run)}), so the key set, the entries' links and counts and the
 * queue need no lock.
 */
public final class PrefixCache {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    /** What {@link #cachedAncestorOrRefuse} returns when a put cannot be cached. */
    private static final Entry REFUSED = new Entry(0, null, null);

    private final long maxBytes;
    private final EngineCounters counters;
    /** The leaves: the evictable entries. */
    private final Cache<Long, Entry> cache;
    private final Policy.Eviction<Long, Entry> eviction;
    /** The pinned entries: those with cached children. */
    private final Long2ObjectHashMap<Entry> pinnedEntries = new Long2ObjectHashMap<>();
    private final LongHashSet present = new LongHashSet();
    /** Own bytes of every entry: the bytes the cache keeps reachable. */
    private long bytes;
    /** Own bytes of the pinned entries, which are not in Caffeine: its maximum is the budget less these. */
    private long pinnedBytes;
    /** Entries that lost their last cached child during the current call; unpinned before it returns. */
    private final ArrayDeque<Entry> childless = new ArrayDeque<>();
    /** Scratch for a put: the snapshots of its chain that are not cached, from the snapshot up, and their keys. */
    private final ArrayList<KvSnapshot> adding = new ArrayList<>();
    private final LongArrayList addingKeys = new LongArrayList();
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

    /** A cached snapshot and its place among the cached ones. */
    private static final class Entry {
        final long key;
        final KvSnapshot snapshot;
        /** The entry of the snapshot's parent, {@code null} for a root; cached as long as this one is. */
        final Entry parent;
        /** Cached entries whose parent this is. */
        int children;
        /** In {@link #pinnedEntries}, not in Caffeine, and counted in {@link #pinnedBytes}; between calls, exactly
         * when {@code children > 0}. */
        boolean pinned;
        /** Cleared when Caffeine removes the entry. */
        boolean cached = true;

        Entry(long key, KvSnapshot snapshot, Entry parent) {
            this.key = key;
            this.snapshot = snapshot;
            this.parent = parent;
        }
    }

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
                .weigher((Long key, Entry entry) -> leafWeight(entry.snapshot))
                .executor(Runnable::run)
                .removalListener((Long key, Entry entry, RemovalCause cause) -> {
                    if (!entry.pinned) { // a pinned entry was moved out, not removed
                        removed(entry, cause.wasEvicted());
                    }
                })
                .build();
        this.eviction = cache.policy().eviction().orElseThrow();
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
                Entry candidate = pinnedEntries.get(hashes[length]);
                if (candidate == null) {
                    candidate = cache.getIfPresent(hashes[length]);
                }
                if (candidate != null && candidate.snapshot.length() == length
                        && candidate.snapshot.isPrefixOf(tokens)) {
                    counters.cacheHits.incrementAndGet();
                    return candidate.snapshot;
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

    /**
     * Offers a snapshot, and with it its ancestors that are not cached; to stay within budget the cache evicts
     * other leaves, or later this one.
     */
    public void put(KvSnapshot snapshot) {
        if (snapshot.length() == 0
                || snapshot.chainBytes() - snapshot.ownBytes() + leafWeight(snapshot) > maxBytes) {
            return;
        }
        long key = key(snapshot.tokens());
        if (offered.size() >= offeredPerGeneration) {
            offeredBefore = offered;
            offered = new LongHashSet();
        }
        offered.add(key);
        Entry parent = cachedAncestorOrRefuse(snapshot, key);
        if (parent == REFUSED) {
            return;
        }
        if (adding.isEmpty()) {
            cache.getIfPresent(key); // cached already: counts as a use (of a leaf; a pinned entry cannot go)
            return;
        }
        for (int i = 0; i < addingKeys.size(); i++) {
            // A leaf holding the key of a snapshot being added: the same tokens in other arrays, replaced.
            cache.invalidate(addingKeys.getLong(i));
        }
        for (int i = adding.size() - 1; i > 0; i--) {
            parent = add(adding.get(i), addingKeys.getLong(i), parent, true);
        }
        add(snapshot, key, parent, false);
        adding.clear();
        addingKeys.clear();
        settle(0);
        publish();
    }

    /**
     * Fills {@link #adding} with the snapshots of {@code snapshot}'s chain that are not cached, from it up to the
     * first that is, and returns that one's entry ({@code null} if none is). Returns {@link #REFUSED}, with
     * nothing changed, if they cannot all be added: a key among them is held by another snapshot that must stay
     * (pinned, or the first cached ancestor itself), two of them share a key, or one is too large for Caffeine's
     * weights.
     */
    private Entry cachedAncestorOrRefuse(KvSnapshot snapshot, long key) {
        adding.clear();
        addingKeys.clear();
        Entry cachedAncestor = null;
        for (KvSnapshot s = snapshot; s != null; s = s.parent()) {
            long k = s == snapshot ? key : key(s.tokens());
            Entry held = heldQuietly(k);
            if (held != null && held.snapshot == s) {
                cachedAncestor = held;
                break;
            }
            if ((held != null && held.pinned) || addingKeys.containsLong(k) || s.ownBytes() > Integer.MAX_VALUE) {
                return refuse();
            }
            adding.add(s);
            addingKeys.addLong(k);
        }
        if (cachedAncestor != null && addingKeys.containsLong(cachedAncestor.key)) {
            return refuse();
        }
        return cachedAncestor;
    }

    /** The entry under {@code key}, pinned or a leaf, without counting it as a use; {@code null} if none. */
    private Entry heldQuietly(long key) {
        Entry pinned = pinnedEntries.get(key);
        return pinned != null ? pinned : cache.policy().getIfPresentQuietly(key);
    }

    private Entry refuse() {
        adding.clear();
        addingKeys.clear();
        return REFUSED;
    }

    /**
     * Adds {@code snapshot} under {@code parent} (its parent's entry, {@code null} for a root), pinning the parent:
     * pinned itself if a child will follow; otherwise a leaf, admitted once Caffeine has made room for it.
     */
    private Entry add(KvSnapshot snapshot, long key, Entry parent, boolean pinned) {
        Entry entry = new Entry(key, snapshot, parent);
        if (parent != null) {
            parent.children++;
            if (!parent.pinned) {
                pin(parent);
            }
        }
        bytes += snapshot.ownBytes();
        present.add(key);
        if (pinned) {
            pin(entry);
        } else {
            settle(leafWeight(snapshot));
            limit(0);
            cache.put(key, entry);
        }
        return entry;
    }

    /**
     * Pins an entry: a new one goes straight into {@link #pinnedEntries}, a leaf moves there out of Caffeine. Lowers
     * Caffeine's weighted size only: the maximum follows at the next {@link #settle}.
     */
    private void pin(Entry entry) {
        entry.pinned = true; // first: the removal listener then takes the move for what it is
        pinnedBytes += entry.snapshot.ownBytes();
        pinnedEntries.put(entry.key, entry);
        cache.asMap().remove(entry.key, entry);
    }

    /**
     * Sets Caffeine's maximum to the budget less the pinned bytes and {@code reserve}, lets it evict, and
     * unpins the entries left childless, raising the maximum before each is weighed again (so that it goes only
     * if it must); until nothing changes.
     */
    private void settle(long reserve) {
        while (true) {
            limit(reserve);
            cache.cleanUp();
            Entry entry = childless.poll();
            if (entry == null) {
                return;
            }
            if (entry.cached && entry.pinned && entry.children == 0) {
                pinnedEntries.remove(entry.key);
                entry.pinned = false;
                pinnedBytes -= entry.snapshot.ownBytes();
                limit(reserve);
                cache.put(entry.key, entry);
            }
        }
    }

    private void limit(long reserve) {
        eviction.setMaximum(Math.max(0, maxBytes - pinnedBytes - reserve));
    }

    /** The removal listener's bookkeeping; changes nothing in Caffeine (the parent is unpinned by settle). */
    private void removed(Entry entry, boolean evicted) {
        entry.cached = false;
        present.remove(entry.key);
        bytes -= entry.snapshot.ownBytes();
        if (entry.parent != null && --entry.parent.children == 0) {
            childless.add(entry.parent);
        }
        if (evicted) {
            counters.cacheEvictions.incrementAndGet();
        }
    }

    private static int leafWeight(KvSnapshot snapshot) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, snapshot.ownBytes()));
    }

    /** Keys remembered for {@link #longestPrefixOfferedBefore}: at most twice {@link #offeredPerGeneration()}. */
    int offeredKeys() {
        return offered.size() + offeredBefore.size();
    }

    int offeredPerGeneration() {
        return offeredPerGeneration;
    }

    /** The cached snapshots, each mapped to whether it is pinned (by identity); for tests. */
    Map<KvSnapshot, Boolean> entries() {
        Map<KvSnapshot, Boolean> entries = new IdentityHashMap<>();
        for (Entry entry : cache.asMap().values()) {
            entries.put(entry.snapshot, entry.pinned);
        }
        for (Entry entry : pinnedEntries.values()) {
            entries.put(entry.snapshot, entry.pinned);
        }
        return entries;
    }


    private void publish() {
        counters.cacheBytes.set(bytes);
        counters.cacheEntries.set(cache.estimatedSize() + pinnedEntries.size());
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
