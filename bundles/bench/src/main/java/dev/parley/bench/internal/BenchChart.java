package dev.parley.bench.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a sweep (JFreeChart): delivered ratio against participants on the left axis, with what loopback TCP
 * could carry in the same sitting as a dashed line, and p99 latency on the right axis.
 */
final class BenchChart {
    private BenchChart() {
    }

    static void draw(Path file, List<BenchPoint> points, double ceilingBytesPerSecond, int frameBytes, int fps, String title)
            throws IOException {
        XYSeries delivered = new XYSeries("delivered ratio (participants that keep up)");
        XYSeries ceiling = new XYSeries("loopback ceiling (iperf3, same sitting)");
        XYSeries p99 = new XYSeries("p99 latency, ms (right axis)");
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (BenchPoint p : points) {
            int n = p.load().clients();
            delivered.add(n, p.load().delivered());
            p99.add(n, p.load().latency()[1]);
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        if (ceilingBytesPerSecond > 0) {
            for (int n = min; n <= max; n++) ceiling.add(n, LoopbackCeiling.ratio(ceilingBytesPerSecond, n, frameBytes, fps));
        }
        XYSeriesCollection ratios = new XYSeriesCollection();
        ratios.addSeries(delivered);
        if (ceilingBytesPerSecond > 0) ratios.addSeries(ceiling);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "participants (all sending, all receiving)",
                "share of video delivered", ratios, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis left = (NumberAxis) plot.getRangeAxis();
        left.setRange(0, 1.05);
        XYLineAndShapeRenderer ratioLines = new XYLineAndShapeRenderer(true, true);
        ratioLines.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        ratioLines.setSeriesStroke(0, new BasicStroke(2.5f));
        ratioLines.setSeriesPaint(1, Color.GRAY);
        ratioLines.setSeriesShapesVisible(1, false);
        ratioLines.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        plot.setRenderer(0, ratioLines);

        XYSeriesCollection latency = new XYSeriesCollection();
        latency.addSeries(p99);
        NumberAxis right = new NumberAxis("p99 latency (ms)");
        right.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, right);
        plot.setDataset(1, latency);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer latencyLine = new XYLineAndShapeRenderer(true, true);
        latencyLine.setSeriesPaint(0, new Color(0xd6, 0x27, 0x28));
        latencyLine.setSeriesStroke(0, new BasicStroke(1.5f));
        plot.setRenderer(1, latencyLine);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 960, 560);
    }
}
