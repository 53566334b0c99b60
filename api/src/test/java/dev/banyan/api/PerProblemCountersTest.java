package dev.banyan.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-problem engine counters are counted per request, so problems searched at once do not share them. */
class PerProblemCountersTest {
    private static final Path DEMO = Path.of(System.getProperty("banyan.root", "..")).resolve("models/game24");
    private static final List<String> PUZZLES = List.of("4 9 10 13", "1 2 3 4", "2 3 5 12", "1 1 4 6", "3 3 8 8",
            "5 5 5 1");

    @Test
    void problemsSearchedAtOnceEachGetTheirOwnCountsAndTheyAddUpToTheEngines() throws Exception {
        try (Banyan banyan = Banyan.builder().model(DEMO).budgetTokens(300).seed(2).build()) {
            EngineStats before = banyan.bundle().engineStats();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Solution> solutions = new ArrayList<>();
            try {
                List<Future<Solution>> running = new ArrayList<>();
                for (int i = 0; i < PUZZLES.size(); i++) {
                    String id = "p" + i;
                    String puzzle = PUZZLES.get(i);
                    running.add(pool.submit(() -> banyan.search(id, puzzle, null)));
                }
                for (Future<Solution> future : running) {
                    solutions.add(future.get(2, TimeUnit.MINUTES));
                }
            } finally {
                pool.shutdownNow();
            }
            EngineStats total = banyan.bundle().engineStats().minus(before);

            EngineStats sum = EngineStats.ZERO;
            for (Solution solution : solutions) {
                EngineStats own = solution.engineStats();
                // The search counts its own tokens; the engine's count of this problem's requests must agree.
                assertThat(own.policyTokens()).as(solution.id()).isEqualTo(solution.result().stats().policyTokens());
                assertThat(own.policyPasses()).as(solution.id()).isPositive();
                assertThat(own.policyRowsPerPass()).as(solution.id()).isGreaterThanOrEqualTo(1);
                assertThat(own.prmPasses()).as(solution.id()).isPositive();
                sum = sum.plus(own);
            }
            assertThat(sum.policyTokens()).isEqualTo(total.policyTokens());
            assertThat(sum.kvReusedTokens()).isEqualTo(total.kvReusedTokens());
            assertThat(sum.kvRecomputedTokens()).isEqualTo(total.kvRecomputedTokens());
            assertThat(sum.valueCacheHits()).isEqualTo(total.valueCacheHits());
            assertThat(sum.prmKvReusedTokens()).isEqualTo(total.prmKvReusedTokens());
            // A pass shared by several problems counts once for each of them.
            assertThat(sum.policyPasses()).isGreaterThanOrEqualTo(total.policyPasses());
            assertThat(sum.prmPasses()).isGreaterThanOrEqualTo(total.prmPasses());
        }
    }

    @Test
    void aProblemSearchedAloneCountsEveryPassTheEngineRan() {
        try (Banyan banyan = Banyan.builder().model(DEMO).budgetTokens(300).seed(4).build()) {
            EngineStats before = banyan.bundle().engineStats();
            Solution solution = banyan.search("alone", "4 9 10 13", "24");
            EngineStats total = banyan.bundle().engineStats().minus(before);
            assertThat(solution.engineStats().policyPasses()).isEqualTo(total.policyPasses());
            assertThat(solution.engineStats().policyPassRows()).isEqualTo(total.policyPassRows());
            assertThat(solution.engineStats().prmPasses()).isEqualTo(total.prmPasses());
            assertThat(solution.engineStats().prmPassRows()).isEqualTo(total.prmPassRows());
            assertThat(solution.engineStats().kvReusedTokens()).isEqualTo(total.kvReusedTokens());
        }
    }
}
