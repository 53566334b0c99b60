package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stopping rules, with a decoder whose tokens are multi-character strings. */
class GenerationTest {
    private static final String[] PIECES = {"", "<eos>", "12", "+3", "=1", "5\n", "\nx", " (l", "eft", ": 1", "\n"};
    private static final TokenDecoder DECODER = new TokenDecoder() {
        @Override
        public String decode(long[] ids, int from, int to) {
            StringBuilder text = new StringBuilder();
            for (int i = from; i < to; i++) {
                text.append(ids[i] == 1 ? "" : PIECES[(int) ids[i]]);
            }
            return text.toString();
        }

        @Override
        public long[] encodePiece(String text) {
            for (int i = 2; i < PIECES.length; i++) {
                if (PIECES[i].equals(text)) {
                    return new long[] {i};
                }
            }
            return new long[] {0}; // spells nothing: the proposal's ids fail their check and are left out
        }
    };

    private static Generation generation(List<String> stops, int maxTokens) {
        return new Generation(new SplittableRandom(1), stops, maxTokens, token -> token == 1, DECODER);
    }

    private static Generation feed(Generation generation, int... tokens) {
        for (int i = 0; i < tokens.length; i++) {
            boolean done = generation.accept(tokens[i], -0.5);
            assertThat(done).as("finished after token %d", i).isEqualTo(i == tokens.length - 1);
        }
        return generation;
    }

    @Test
    void stopStringSpanningTokensCutsTheText() {
        // "12+3=15\n\nx": the stop "\n\n" starts inside token 5 and ends inside token 6.
        Generation g = feed(generation(List.of("\n\n"), 20), 2, 3, 4, 5, 6);
        assertThat(g.stop()).isEqualTo(Generation.Stop.STOP_STRING);
        assertThat(g.proposal().text()).isEqualTo("12+3=15");
        assertThat(g.proposal().tokenCount()).isEqualTo(5);
        assertThat(g.proposal().logProb()).isEqualTo(-2.5);
        // The ids spell the text and the stop string: the generated ones up to the last boundary inside it,
        // then the rest of the stop string ("\n") encoded alone; the "x" after it is not among them.
        assertThat(g.proposal().tokenIds()).containsExactly(2, 3, 4, 5, 10);
    }

    @Test
    void aStopStringEndingOnATokenBoundaryKeepsExactlyTheGeneratedIds() {
        Generation g = feed(generation(List.of("5\n"), 20), 2, 3, 4, 5);
        assertThat(g.proposal().text()).isEqualTo("12+3=1");
        assertThat(g.proposal().tokenIds()).containsExactly(2, 3, 4, 5);
    }

    @Test
    void stopStringAcrossThreeTokens() {
        Generation g = feed(generation(List.of("(left:"), 20), 2, 7, 8, 9);
        assertThat(g.proposal().text()).isEqualTo("12 ");
        assertThat(g.fedTokens()).containsExactly(2, 7, 8);
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        Generation g = feed(generation(List.of("x", "=1"), 20), 2, 3, 4);
        assertThat(g.proposal().text()).isEqualTo("12+3");
    }

    @Test
    void endOfSequenceIsCountedButNotInTheText() {
        Generation g = feed(generation(List.of("\n\n"), 20), 2, 3, 1);
        assertThat(g.stop()).isEqualTo(Generation.Stop.EOS);
        assertThat(g.proposal().text()).isEqualTo("12+3");
        assertThat(g.proposal().tokenCount()).isEqualTo(3);
    }

    @Test
    void maxTokensEndsTheProposal() {
        Generation g = feed(generation(List.of(), 3), 2, 3, 4);
        assertThat(g.stop()).isEqualTo(Generation.Stop.MAX_TOKENS);
        assertThat(g.proposal().text()).isEqualTo("12+3=1");
    }

    @Test
    void emptyStopStringsAreIgnored() {
        Generation g = feed(generation(List.of(""), 2), 2, 3);
        assertThat(g.stop()).isEqualTo(Generation.Stop.MAX_TOKENS);
    }
}
