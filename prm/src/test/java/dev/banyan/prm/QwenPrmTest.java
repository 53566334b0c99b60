package dev.banyan.prm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.banyan.engine.Device;
import dev.banyan.engine.DecoderModel;
import dev.banyan.engine.TextCodec;
import dev.banyan.search.ReasoningPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two real reward-model conventions on Qwen's byte-level BPE tokenizer and the 151,669-token fixtures:
 * Math-Shepherd's step tag (a language-model head read at a tag token ending each step) and Qwen2.5-Math-PRM's
 * token classification (a two-class head read at an added separator token). Skipped where Qwen's tokenizer
 * is not beside the clone.
 */
class QwenPrmTest {
    private static final String[] STARTS = {" ", "  ", "12", "7", ".", ",", "(", "$", "½", "ü", "鸭子", "Σ", "—", "'s", "\t"};
    private static final String[] WORDS = {"Janet", "sells", "16", "eggs", "=", "$18", "per", "day", "3 + 4 = 7",
            "½ × 18 = 9", "naïve", "鸭子", "🦆", "so", "\\boxed{18}", "(left:", "4)", "...", "—", "’s", "\n", "x2"};

    /** A random step: starts with a space, digit, punctuation or non-ASCII, holds newlines, never ends in one. */
    private static String randomStep(Random random) {
        StringBuilder step = new StringBuilder(STARTS[random.nextInt(STARTS.length)]);
        int words = 1 + random.nextInt(8);
        for (int w = 0; w < words; w++) {
            step.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(3) == 0 ? "" : " ");
        }
        String text = step.toString();
        return text.endsWith("\n") ? text + "." : text;
    }

    /**
     * The read positions the encoder builds piece by piece equal the tag's positions in the encoding of the
     * whole text: the pieces cut the text exactly where the tokenizer keeps a boundary anyway.
     */
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.QWEN_STEP_TAG, Fixtures.QWEN_TOKEN_CLS})
    void scorePositionsEqualThoseOfTheWholeTextsEncoding(String fixture) {
        PrmConfig config = PrmConfig.read(Fixtures.dir(fixture).resolve("prm.json"));
        try (DecoderModel model = DecoderModel.load(Fixtures.dir(fixture), Device.CPU, 1, ScoreRule.readout(config))) {
            TextCodec codec = model.codec();
            long tag = codec.tokenId(config.tag()).orElseThrow();
            PathEncoder encoder = new PathEncoder(config, codec, tag);
            Random random = new Random(17);
            for (int trial = 0; trial < 200; trial++) {
                List<String> steps = new ArrayList<>();
                for (int s = 1 + random.nextInt(5); s > 0; s--) {
                    steps.add(randomStep(random));
                }
                ReasoningPath path = ReasoningPath.of("Janet’s ducks lay 16 eggs per day. How much?", steps);
                StringBuilder text = new StringBuilder(config.prompt(path.question()));
                steps.forEach(step -> text.append(step).append(config.stepSuffix()));
                long[] whole = codec.encode(text.toString());
                List<Integer> tags = new ArrayList<>();
                for (int i = 0; i < whole.length; i++) {
                    if (whole[i] == tag) {
                        tags.add(i);
                    }
                }
                int first = 1 + random.nextInt(steps.size());
                PathEncoder.Encoded encoded = encoder.encode(path, first);
                assertThat(encoded.reads()).as("trial %d, steps %s", trial, steps)
                        .containsExactly(tags.subList(first - 1, tags.size()).stream().mapToInt(Integer::intValue).toArray());
                for (int i = 0; i < encoded.tokens().length; i++) {
                    assertThat(encoded.tokens()[i]).as("trial %d token %d", trial, i).isEqualTo(whole[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.QWEN_STEP_TAG, Fixtures.QWEN_TOKEN_CLS})
    void incrementalScoresEqualWholePathScores(String fixture) {
        ReasoningPath path = ReasoningPath.of("Janet’s ducks lay 16 eggs per day.",
                List.of("She eats 3 and bakes 4: 16 - 3 - 4 = 9.", " 9 × $2 = $18.", "\\boxed{18}"));
        try (PrmEngine incremental = Fixtures.engine(fixture);
             PrmEngine whole = Fixtures.builder(fixture).incremental(false).build()) {
            double[] expected = Fixtures.drive(whole, whole.scoreSteps(path)).steps();
            for (int depth = 1; depth <= path.depth(); depth++) {
                ReasoningPath prefix = ReasoningPath.of(path.question(), path.steps().subList(0, depth));
                double score = Fixtures.drive(incremental, incremental.score(List.of(prefix))).get(0).value();
                assertThat(score).isBetween(0.0, 1.0).isCloseTo(expected[depth - 1], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }
}
