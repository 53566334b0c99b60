package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental detokenisation and stop strings on Qwen's byte-level BPE tokenizer, against their slow twins
 * (decoding all ids at once). Skipped where Qwen's tokenizer is not beside the clone.
 */
class QwenTokenizerTest {
    private static TextCodec codec;

    @BeforeAll
    static void load() {
        codec = TextCodec.load(Fixtures.qwen(Fixtures.QWEN).resolve("tokenizer.json"));
    }

    @AfterAll
    static void close() {
        if (codec != null) {
            codec.close();
        }
    }

    private static String incremental(long[] ids) {
        Detokenizer detokenizer = new Detokenizer(codec);
        for (int n = 1; n <= ids.length; n++) {
            detokenizer.advance(ids, n);
            // Never a half character: the emitted text is always a prefix of the whole decoding.
            assertThat(codec.decode(ids, ids.length)).startsWith(detokenizer.text());
        }
        detokenizer.flush(ids, ids.length);
        return detokenizer.text().toString();
    }

    @Test
    void multiByteCharactersSplitAcrossTokensComeOutWhole() {
        String text = "Janet’s ducks lay 16 eggs: 鸭子 🦆 naïve — ½ of 18 = 9. Ünïcödé ∑ ∫ 𝔸";
        long[] ids = codec.encodePiece(text);
        assertThat(codec.decode(ids, ids.length)).isEqualTo(text);
        assertThat(incremental(ids)).isEqualTo(text);
        // Byte by byte, the hardest split: every character waits for its last byte.
        Detokenizer detokenizer = new Detokenizer(codec);
        long[] emoji = codec.encodePiece("𓀀");
        assertThat(emoji.length).as("𓀀 is more than one token").isGreaterThan(1);
        for (int n = 1; n < emoji.length; n++) {
            assertThat(detokenizer.advance(emoji, n)).as("no text after %d of %d tokens", n, emoji.length).isZero();
        }
        detokenizer.advance(emoji, emoji.length);
        assertThat(detokenizer.text().toString()).isEqualTo("𓀀");
    }

    @Test
    void incrementalEqualsFullDecodingOnRandomIds() {
        Random random = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            long[] ids = new long[1 + random.nextInt(60)];
            for (int i = 0; i < ids.length; i++) {
                // Mostly ordinary tokens, some byte-level fragments (ids below 256), a few special tokens.
                int kind = random.nextInt(10);
                ids[i] = kind < 2 ? random.nextInt(256) : kind == 2 ? 151643 + random.nextInt(26) : random.nextInt(151643);
            }
            assertThat(incremental(ids)).as("trial %d", trial).isEqualTo(codec.decode(ids, ids.length));
        }
    }

    @Test
    void aStopStringEndingInsideATokenStopsThereAndTheIdsSpellWhatIsKept() {
        // " 18.\n\n\n" ends with "\n\n\n", one token: the stop "\n\n" ends inside it.
        long[] ids = codec.encodePiece("So the answer is 18.\n\n\nNext");
        Generation generation = new Generation(new SplittableRandom(1), List.of("\n\n"), 100, t -> t == 151645, codec);
        int fed = 0;
        while (!generation.accept(ids[fed++], -1)) {
            assertThat(fed).isLessThan(ids.length);
        }
        assertThat(generation.proposal().text()).isEqualTo("So the answer is 18.");
        long[] spelled = generation.proposal().tokenIds();
        assertThat(codec.decode(spelled, spelled.length)).isEqualTo("So the answer is 18.\n\n");
        // The generated ids up to the token holding the stop string are kept as they are.
        for (int i = 0; i < fed - 1; i++) {
            assertThat(spelled[i]).isEqualTo(ids[i]);
        }
    }

    @Test
    void aStepEndingOnTheDelimiterTokenKeepsExactlyTheGeneratedIds() {
        long[] ids = codec.encodePiece("Janet sells 16 - 3 - 4 = 9 eggs.\n\n");
        Generation generation = new Generation(new SplittableRandom(1), List.of("\n\n"), 100, t -> t == 151645, codec);
        for (int i = 0; i < ids.length; i++) {
            assertThat(generation.accept(ids[i], -1)).isEqualTo(i == ids.length - 1);
        }
        assertThat(generation.proposal().text()).isEqualTo("Janet sells 16 - 3 - 4 = 9 eggs.");
        assertThat(generation.proposal().tokenIds()).containsExactly(ids);
    }

    @Test
    void atTheTokenLimitTheDelimiterIdsAreAppended() {
        long[] ids = codec.encodePiece("Half of 鸭");
        Generation generation = new Generation(new SplittableRandom(1), List.of("\n\n"), ids.length - 1, t -> t == 151645, codec);
        for (int i = 0; i < ids.length - 1; i++) {
            generation.accept(ids[i], -1);
        }
        assertThat(generation.stop()).isEqualTo(Generation.Stop.MAX_TOKENS);
        long[] spelled = generation.proposal().tokenIds();
        assertThat(codec.decode(spelled, spelled.length)).isEqualTo(generation.proposal().text() + "\n\n");
    }
}
