package dev.redflag.backtest;

import dev.redflag.alert.AlertEvent;
import dev.redflag.kpi.KpiValue;
import dev.redflag.notify.chart.AlertChart;
import dev.redflag.rules.eval.ChartData;
import dev.redflag.testing.Pixels;
import dev.redflag.testing.Program;
import dev.redflag.testing.RequiresProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.redflag.backtest.Fixtures.CATALOG;
import static dev.redflag.backtest.Fixtures.HOUR;
import static dev.redflag.backtest.Fixtures.RULES;
import static dev.redflag.backtest.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtest page and an alert's PNG as a browser shows them: Debian's Chromium, headless,
 * takes a screenshot of each, which must have the window's size and show the lines drawn (the
 * band's red, the value's blue), not a blank or an error page. The screenshots are kept in
 * {@code target/screenshots} to look at.
 */
@RequiresProgram(Program.CHROMIUM)
class ChartScreenshotTest {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 700;

    @TempDir
    Path dir;

    @Test
    void theBacktestPageShowsTheSeriesItsBaselineAndBand() throws Exception {
        Map<String, String> dims = Map.of("tenant", "acme", "page", "/pricing");
        List<KpiValue> values = new ArrayList<>();
        List<ChartData.Point> points = new ArrayList<>();
        for (int h = 1; h <= 20; h++) {
            double v = h >= 17 ? 0.8 : 0.3 + 0.02 * (h % 3);
            values.add(Fixtures.value("bounce_rate", dims, h, v));
            points.add(new ChartData.Point(t(h) - HOUR, v, 0.32, Double.NaN, 0.5));
        }
        AlertEvent firing = new Fixtures.Bounce("/pricing").firing(17, 0.8)
                .withChart(new ChartData("ratio", HOUR, t(16), t(17), points.subList(0, 17)));
        AlertEvent resolved = new Fixtures.Bounce("/pricing").resolved(17, 20, 0.3);
        Timeline timeline = Timeline.of(List.of(firing, resolved), CATALOG);
        String html = ChartPage.html("screenshot", timeline, values, new Peaks(values, RULES, CATALOG), HistorySpan.of(values),
                ChartPage.bands(List.of(firing, resolved), CATALOG));
        Path page = Files.writeString(dir.resolve("backtest.html"), html);

        BufferedImage shot = screenshot(page);

        assertDrawnAtWindowSize(shot);
        assertThat(near(shot, 0x1f6feb)).as("the values' line").isGreaterThan(200);
        assertThat(Pixels.red(shot)).as("the dashed band").isGreaterThan(100);
        assertThat(near(shot, 0x8c959f)).as("the baseline").isGreaterThan(100);
    }

    @Test
    void theAlertsPngShowsInTheBrowser() throws Exception {
        List<ChartData.Point> points = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            double v = h >= 45 ? 0.7 : 0.4 + 0.01 * (h % 4);
            points.add(new ChartData.Point(t(h), v, 0.41, Double.NaN, 0.6));
        }
        byte[] png = AlertChart.png(new ChartData("ratio", HOUR, t(45), t(48), points), "bounce_rate on page=/pricing",
                "BounceRateRising (1h windows)");
        Path file = Files.write(dir.resolve("chart.png"), png);

        BufferedImage shot = screenshot(file);

        assertDrawnAtWindowSize(shot);
        assertThat(near(shot, 0x1f77b4)).as("the values' line").isGreaterThan(300);
        assertThat(Pixels.red(shot)).as("the dashed band").isGreaterThan(100);
    }

    /** Chromium's screenshot of {@code file} in a window of WIDTH × HEIGHT, kept in target/ to look at. */
    private BufferedImage screenshot(Path file) throws IOException, InterruptedException {
        Path shot = dir.resolve(file.getFileName() + ".screenshot.png");
        Process chromium = new ProcessBuilder(Program.CHROMIUM.path().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + shot, file.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium took more than 120 s");
        }
        assertThat(shot).as("chromium: " + Files.readString(dir.resolve("chromium.log"))).exists();
        Path kept = Path.of("target", "screenshots");
        Files.createDirectories(kept);
        Files.copy(shot, kept.resolve(shot.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return ImageIO.read(shot.toFile());
    }

    private static void assertDrawnAtWindowSize(BufferedImage shot) {
        assertThat(shot.getWidth()).isEqualTo(WIDTH);
        assertThat(shot.getHeight()).isEqualTo(HEIGHT);
        assertThat(Pixels.variance(shot)).as("not blank").isGreaterThan(100);
    }

    private static int near(BufferedImage image, int rgb) {
        return Pixels.near(image, rgb, 24);
    }
}
