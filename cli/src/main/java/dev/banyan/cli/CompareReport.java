package dev.banyan.cli;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a comparison as {@code compare.csv}, {@code compare.md} and {@code compare.png}. */
final class CompareReport {
    static final String CSV = "compare.csv";
    static final String MARKDOWN = "compare.md";
    static final String CHART = "compare.png";

    /** Ten colours told apart easily (Tableau 10), so seven algorithms never share a hue. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private CompareReport() {
    }

    static void write(Path directory, String title, List<CompareCell> cells) {
        try {
            Outputs.writeAtomically(directory.resolve(CSV), csv(cells));
            Outputs.writeAtomically(directory.resolve(MARKDOWN), markdown(title, cells));
            Outputs.writeAtomically(directory.resolve(CHART),
                    BitmapEncoder.getBitmapBytes(chart(title, cells), BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison to " + directory + ": " + IoErrors.reason(e), e);
        }
    }

    /** The files {@link #write} writes in its directory. */
    static List<String> fileNames() {
        return List.of(CSV, MARKDOWN, CHART);
    }

    static String csv(List<CompareCell> cells) {
        StringBuilder csv = new StringBuilder("algorithm,budget,solved,total,rate,avgPolicyTokens,avgWallMillis,"
                + "avgNodes,avgTerminals,avgDepth,avgRootWidth,holdingRight\n");
        for (CompareCell cell : cells) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%.4f,%.1f,%.1f,%.1f,%.1f,%.2f,%.1f,%d%n", cell.algorithm(),
                    cell.budget(), cell.solved(), cell.total(), cell.rate(), cell.avgPolicyTokens(), cell.avgWallMillis(),
                    cell.avgNodes(), cell.avgTerminals(), cell.avgDepth(), cell.avgRootWidth(), cell.holdingRight()));
        }
        return csv.toString();
    }

    static String markdown(String title, List<CompareCell> cells) {
        StringBuilder md = new StringBuilder("# " + title + "\n\n")
                .append("| algorithm | budget (policy tokens) | solved | rate | avg policy tokens | avg wall ms "
                        + "| nodes | terminals | depth | root width | trees holding a right answer |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CompareCell cell : cells) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d/%d | %.1f%% | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    cell.algorithm(), cell.budget(), cell.solved(), cell.total(), 100 * cell.rate(),
                    cell.avgPolicyTokens(), cell.avgWallMillis(), cell.avgNodes(), cell.avgTerminals(),
                    cell.avgDepth(), cell.avgRootWidth(), cell.holdingRight()));
        }
        return md.append("\nPer tree, averaged over the problems: nodes (the root included), terminals (finished paths), "
                + "the greatest depth and the root's children; the last column counts the trees in which some "
                + "terminal is right.\n\nSuccess rate against policy tokens actually spent: ").append(CHART).append('\n').toString();
    }

    /** Success rate against the policy tokens actually spent on average, one line per algorithm. */
    static XYChart chart(String title, List<CompareCell> cells) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("policy tokens per problem (average spent)").yAxisTitle("success rate (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        Map<String, List<CompareCell>> byAlgorithm = cells.stream()
                .collect(Collectors.groupingBy(CompareCell::algorithm, LinkedHashMap::new, Collectors.toList()));
        byAlgorithm.forEach((algorithm, line) -> {
            List<CompareCell> sorted = line.stream().sorted((a, b) -> Long.compare(a.budget(), b.budget())).toList();
            XYSeries series = chart.addSeries(algorithm,
                    sorted.stream().mapToDouble(CompareCell::avgPolicyTokens).toArray(),
                    sorted.stream().mapToDouble(cell -> 100 * cell.rate()).toArray());
            series.setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }
}
