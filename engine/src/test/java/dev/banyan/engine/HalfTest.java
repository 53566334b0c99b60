package dev.banyan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HalfTest {
    @ParameterizedTest
    @CsvSource({
        "0x0000, 0.0", "0x3c00, 1.0", "0xc000, -2.0", "0x3555, 0.333251953125", "0x7bff, 65504.0",
        "0x0001, 5.960464477539063E-8", "0x0400, 6.103515625E-5", "0x8000, -0.0", "0x7c00, Infinity", "0xfc00, -Infinity"})
    void decodesHalfPrecision(String bits, float expected) {
        assertThat(Half.toFloat((short) Integer.parseInt(bits.substring(2), 16))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0x7e00", "0xfe01"})
    void keepsNaN(String bits) {
        assertThat(Half.toFloat((short) Integer.parseInt(bits.substring(2), 16))).isNaN();
    }
}
