package dev.redflag.notify.chart;

import dev.redflag.rules.eval.ChartData;
import dev.redflag.testing.Pixels;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The PNG of an alert's series, drawn headless. */
class AlertChartTest {

    static final long HOUR = 3_600_000L;
    static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    /** 48 hours of bounce around 40% with a band at 64%, the last three hours at 70%, firing. */
    static ChartData bounceIncident() {
        List<ChartData.Point> points = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            long start = T0 - (47 - i) * HOUR;
            double baseline = 0.4 + 0.05 * Math.sin(i * Math.PI / 12);
            double value = i >= 45 ? 0.7 : baseline + ((i * 7) % 5 - 2) * 0.01;
            points.add(new ChartData.Point(start, value, baseline, Double.NaN, baseline + 0.24));
        }
        return new ChartData("ratio", HOUR, T0 - 2 * HOUR, T0 + HOUR, points);
    }

    @Test
    void thePngHasTheSizeAskedAndSomethingDrawnOnIt() throws IOException {
        byte[] png = AlertChart.png(bounceIncident(), "bounce_rate on page=/pricing", "BounceRising: shift +20%");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(AlertChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(AlertChart.HEIGHT);
        assertThat(Pixels.variance(image)).isGreaterThan(100);
        assertThat(count(image, AlertChart.VALUE.getRGB())).as("pixels of the value line").isGreaterThan(500);
        assertThat(count(image, AlertChart.LIMIT.getRGB())).as("pixels of the dashed limit").isGreaterThan(50);
    }

    @Test
    void aChartWithoutBaselineOrBandStillDraws() throws IOException {
        ChartData bare = new ChartData("count", HOUR, T0, T0 + HOUR, List.of(
                new ChartData.Point(T0 - HOUR, 3, Double.NaN, Double.NaN, Double.NaN),
                new ChartData.Point(T0, 9, Double.NaN, Double.NaN, Double.NaN)));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(AlertChart.png(bare, "signups", null, 400, 200)));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(200);
        assertThat(Pixels.variance(image)).isGreaterThan(100);
        assertThat(count(image, AlertChart.LIMIT.getRGB())).isZero();
    }

    private static int count(BufferedImage image, int rgb) {
        return Pixels.near(image, rgb, 0);
    }
}
