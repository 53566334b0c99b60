package dev.banyan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void writesTheTableTheReportAndTheChart(@TempDir Path dir) throws IOException {
        Cli.Result result = Cli.run("compare", "--input", "game24:1-6", "--algorithms", "mcts-star",
                "--budgets", "300,1500", "--output-dir", dir.toString(), "--model", Cli.SIMULATED.toString());

        assertThat(result.code()).as(result.err()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
        assertThat(csv.get(0)).isEqualTo("algorithm,budget,solved,total,rate,avgPolicyTokens,avgWallMillis,"
                + "avgNodes,avgTerminals,avgDepth,avgRootWidth,holdingRight");
        assertThat(csv).hasSize(3);
        for (String row : csv.subList(1, 3)) {
            String[] cells = row.split(",");
            assertThat(cells).hasSize(12);
            assertThat(cells[0]).isEqualTo("mcts-star");
            long solved = Long.parseLong(cells[2]);
            long total = Long.parseLong(cells[3]);
            assertThat(total).isEqualTo(6);
            assertThat(Double.parseDouble(cells[7])).as("nodes per tree").isGreaterThan(1);
            assertThat(Long.parseLong(cells[11])).as("trees holding a right answer").isGreaterThanOrEqualTo(solved);
            assertThat(Double.parseDouble(cells[4])).isCloseTo((double) solved / total, org.assertj.core.api.Assertions.within(1e-4));
            // The token limit is checked before each policy call, so one call's worth may pass it.
            assertThat(Double.parseDouble(cells[5])).isPositive().isLessThan(Long.parseLong(cells[1]) + 400);
        }
        assertThat(Long.parseLong(csv.get(2).split(",")[2])).as("more budget solves no fewer")
                .isGreaterThanOrEqualTo(Long.parseLong(csv.get(1).split(",")[2]));
        assertThat(Files.readString(dir.resolve("compare.md"))).contains("| mcts-star | 300 |").contains("| mcts-star | 1500 |");
        assertThat(result.out()).contains("| mcts-star | 1500 |");

        byte[] png = Files.readAllBytes(dir.resolve("compare.png"));
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(PNG_SIGNATURE);
        assertThat(png.length).isBetween(5_000, 2_000_000);
        BufferedImage image = ImageIO.read(dir.resolve("compare.png").toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(560);
    }
}
