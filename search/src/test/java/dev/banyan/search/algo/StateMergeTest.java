package dev.banyan.search.algo;

import dev.banyan.search.EditDistance;

import dev.banyan.search.ReasoningPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

class StateMergeTest {
    @Test
    void editDistanceOfHandWorkedPairs() {
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(EditDistance.between("abc", "")).isEqualTo(3);
        assertThat(EditDistance.between("flaw", "lawn")).isEqualTo(2);
        assertThat(EditDistance.between("go left", "go left")).isZero();
        assertThat(EditDistance.between("go left", "go right")).isEqualTo(EditDistance.between("go right", "go left"));
    }

    /** Hands out the given texts in order, recording how many were drawn; null stands for an empty draw. */
    private static final class Draws implements IntFunction<Expander.Candidate> {
        private final List<String> texts;
        final List<Integer> asked = new ArrayList<>();

        Draws(String... texts) {
            this.texts = java.util.Arrays.asList(texts);
        }

        @Override
        public Expander.Candidate apply(int attempt) {
            asked.add(attempt);
            String text = texts.get(attempt);
            return text == null ? null : new Expander.Candidate(text, 1, 0, false, ReasoningPath.of("q").extend(text));
        }
    }

    @Test
    void takesTheFirstDrawFarEnoughFromEverySibling() {
        Draws draws = new Draws("go left!", "go lft", "go right", "unused");
        Expander.Candidate chosen = StateMerge.choose(draws, List.of("go left"), 3, 3);
        assertThat(chosen.text()).isEqualTo("go right");
        assertThat(draws.asked).containsExactly(0, 1, 2);
    }

    @Test
    void keepsTheFarthestWhenEveryDrawIsClose() {
        Draws draws = new Draws("go left!", "go lefty?", null, "go left");
        assertThat(StateMerge.choose(draws, List.of("go left"), 5, 3).text()).isEqualTo("go lefty?");
        assertThat(draws.asked).containsExactly(0, 1, 2, 3);
    }

    @Test
    void neverKeepsAStepIdenticalToASibling() {
        assertThat(StateMerge.choose(new Draws("same", "same"), List.of("same"), 0, 1)).isNull();
        assertThat(StateMerge.choose(new Draws("same", "sane"), List.of("same"), 0, 1).text()).isEqualTo("sane");
    }

    @Test
    void theFirstChildNeedsNoResampling() {
        Draws draws = new Draws("x", "y");
        assertThat(StateMerge.choose(draws, List.of(), 20, 1).text()).isEqualTo("x");
        assertThat(draws.asked).containsExactly(0);
    }
}
