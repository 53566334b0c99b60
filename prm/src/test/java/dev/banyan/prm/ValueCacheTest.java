package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepScore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ValueCacheTest {
    private static final ReasoningPath PATH = Fixtures.path(Fixtures.SOLUTION, 2);

    @Test
    void aRepeatedPathIsAnsweredFromTheCacheWithTheSameValueAndNoTokens() {
        try (PrmEngine prm = Fixtures.engine(Fixtures.STEP_TAG)) {
            StepScore first = Fixtures.drive(prm, prm.score(List.of(PATH))).get(0);
            StepScore again = Fixtures.drive(prm, prm.score(List.of(ReasoningPath.of(PATH.question(), PATH.steps())))).get(0);
            assertThat(again.value()).isEqualTo(first.value());
            assertThat(first.tokensProcessed()).isPositive();
            assertThat(again.tokensProcessed()).isZero();
            PrmStats stats = prm.stats();
            assertThat(stats.valueHits()).isEqualTo(1);
            assertThat(stats.valueMisses()).isEqualTo(1);
            assertThat(stats.evaluations()).isEqualTo(1);
        }
    }

    @Test
    void concurrentIdenticalRequestsShareOneEvaluation() throws Exception {
        int threads = 8;
        try (PrmEngine prm = Fixtures.engine(Fixtures.STEP_TAG)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompletableFuture<List<StepScore>>>> asked = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    asked.add(pool.submit(() -> {
                        start.await();
                        return prm.score(List.of(ReasoningPath.of(PATH.question(), PATH.steps())));
                    }));
                }
                start.countDown();
                List<CompletableFuture<List<StepScore>>> futures = new ArrayList<>();
                for (Future<CompletableFuture<List<StepScore>>> request : asked) {
                    futures.add(request.get());
                }
                // The loop has not run yet: every request is queued or waiting on another's evaluation.
                List<StepScore> scores = new ArrayList<>();
                for (CompletableFuture<List<StepScore>> future : futures) {
                    scores.add(Fixtures.drive(prm, future).get(0));
                }
                assertThat(scores).extracting(StepScore::value).containsOnly(scores.get(0).value());
                assertThat(scores).filteredOn(score -> score.tokensProcessed() > 0).hasSize(1);
                PrmStats stats = prm.stats();
                assertThat(stats.evaluations()).isEqualTo(1);
                assertThat(stats.valueMisses()).isEqualTo(1);
                assertThat(stats.valueHits()).isEqualTo(threads - 1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theSamePathTwiceInOneBatchIsEvaluatedOnce() {
        try (PrmEngine prm = Fixtures.engine(Fixtures.VALUE)) {
            List<StepScore> scores = Fixtures.drive(prm, prm.score(List.of(PATH, PATH)));
            assertThat(scores.get(1).value()).isEqualTo(scores.get(0).value());
            assertThat(scores.get(1).tokensProcessed()).isZero();
            assertThat(prm.stats().evaluations()).isEqualTo(1);
        }
    }

    @Test
    void stepsScoredOneByOneAreCachedForTheWholePathsScores() {
        try (PrmEngine prm = Fixtures.engine(Fixtures.TOKEN_CLS)) {
            double[] expected = new double[Fixtures.SOLUTION.size()];
            for (int depth = 1; depth <= expected.length; depth++) {
                expected[depth - 1] = Fixtures.drive(prm, prm.score(List.of(Fixtures.path(Fixtures.SOLUTION, depth)))).get(0).value();
            }
            long evaluations = prm.stats().evaluations();
            PathScores all = Fixtures.drive(prm, prm.scoreSteps(ReasoningPath.of(Fixtures.QUESTION, Fixtures.SOLUTION)));
            assertThat(all.steps()).containsExactly(expected);
            assertThat(all.tokensProcessed()).isZero();
            assertThat(prm.stats().evaluations()).isEqualTo(evaluations);
        }
    }

    @Test
    void withTheValueCacheOffARepeatIsEvaluatedAgainFromTheCachedKeysAndValues() {
        try (PrmEngine prm = Fixtures.builder(Fixtures.STEP_TAG).valueCacheEntries(0).build()) {
            StepScore first = Fixtures.drive(prm, prm.score(List.of(PATH))).get(0);
            StepScore again = Fixtures.drive(prm, prm.score(List.of(PATH))).get(0);
            assertThat(again.value()).isCloseTo(first.value(), org.assertj.core.api.Assertions.within(1e-6));
            assertThat(prm.stats().evaluations()).isEqualTo(2);
            // The whole text's KV is cached; only the tag and what follows it must run again to read the tag.
            assertThat(again.tokensProcessed()).isEqualTo(" #\n".length() - 1);
        }
    }

    @Test
    void aFailedEvaluationIsNotCached() {
        try (PrmEngine prm = Fixtures.engine(Fixtures.STEP_TAG)) {
            ReasoningPath tooLong = ReasoningPath.of(Fixtures.QUESTION, List.of("1 + 1 = 2 ".repeat(60)));
            for (int attempt = 0; attempt < 2; attempt++) {
                CompletableFuture<List<StepScore>> future = prm.score(List.of(tooLong));
                assertThatThrownBy(() -> Fixtures.drive(prm, future)).isInstanceOf(CompletionException.class)
                        .hasMessageContaining("512 positions");
            }
            assertThat(prm.stats().valueMisses()).as("the failure left the cache; the retry evaluated again").isEqualTo(2);
            assertThat(prm.stats().valueHits()).isZero();
        }
    }

    // ------------------------------------------------------------------ the cache alone, without a model

    @Test
    void aFailedEvaluationIsRetriedByTheNextRequestEvenOneMadeWhenTheFailureIsHeard() {
        PrmCounters counters = new PrmCounters();
        ValueCache cache = new ValueCache(100, counters);
        ValueCache.Claim owner = cache.claim(PATH);
        ValueCache.Claim sharer = cache.claim(ReasoningPath.of(PATH.question(), PATH.steps()));
        assertThat(owner.owned()).isTrue();
        assertThat(sharer.owned()).isFalse();
        List<ValueCache.Claim> retries = new ArrayList<>();
        sharer.future().whenComplete((score, failure) -> retries.add(cache.claim(PATH)));
        IllegalStateException cause = new IllegalStateException("simulated: the pass failed");

        cache.settle(owner, 0, cause);

        assertThat(owner.future()).isCompletedExceptionally();
        assertThatThrownBy(sharer.future()::join).isInstanceOf(CompletionException.class).hasCause(cause);
        assertThat(retries).singleElement().satisfies(retry -> assertThat(retry.owned())
                .as("a request made from the failure's callback starts a new evaluation").isTrue());
        ValueCache.Claim later = cache.claim(PATH);
        assertThat(later.owned()).as("the retry's evaluation is in flight: shared").isFalse();
        cache.settle(retries.get(0), 0.75, null);
        assertThat(later.future().join()).isEqualTo(0.75);
        assertThat(counters.valueMisses.get()).isEqualTo(2);
        assertThat(counters.valueHits.get()).isEqualTo(2);
    }

    @Test
    void concurrentClaimsOfOnePathShareOneEvaluation() throws Exception {
        int threads = 8;
        PrmCounters counters = new PrmCounters();
        ValueCache cache = new ValueCache(100, counters);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ValueCache.Claim>> asked = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                asked.add(pool.submit(() -> {
                    start.await();
                    return cache.claim(ReasoningPath.of(PATH.question(), PATH.steps()));
                }));
            }
            start.countDown();
            List<ValueCache.Claim> claims = new ArrayList<>();
            for (Future<ValueCache.Claim> claim : asked) {
                claims.add(claim.get());
            }
            assertThat(claims).filteredOn(ValueCache.Claim::owned).hasSize(1);
            ValueCache.Claim owner = claims.stream().filter(ValueCache.Claim::owned).findFirst().orElseThrow();
            cache.settle(owner, 0.5, null);
            assertThat(claims).allSatisfy(claim -> assertThat(claim.future().join()).isEqualTo(0.5));
            assertThat(counters.valueMisses.get()).isEqualTo(1);
            assertThat(counters.valueHits.get()).isEqualTo(threads - 1);
            assertThat(cache.claim(PATH).owned()).as("a settled score stays cached").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withNoEntriesEveryClaimIsItsOwnEvaluation() {
        PrmCounters counters = new PrmCounters();
        ValueCache off = new ValueCache(0, counters);
        ValueCache.Claim first = off.claim(PATH);
        off.settle(first, 0.5, null);
        assertThat(off.claim(PATH).owned()).isTrue();
        assertThat(first.owned()).isTrue();
        assertThat(counters.valueMisses.get()).isEqualTo(2);
        assertThat(counters.valueHits.get()).isZero();
    }
}
