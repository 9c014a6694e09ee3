package dev.redflag.testing;

import java.awt.image.BufferedImage;

/** What tests ask of a rendered image: that something is drawn on it, and in which colours. */
public final class Pixels {

    private Pixels() {
    }

    /** Variance of the pixels' grey levels: 0 for a blank image. */
    public static double variance(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
                sum += grey;
                squares += grey * grey;
            }
        }
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    /**
     * Strongly red pixels (red above green and blue by more than 60): a red line, even a thin
     * antialiased one, but not a light red shading.
     */
    public static int red(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                n += r - ((p >> 8) & 0xff) > 60 && r - (p & 0xff) > 60 ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Pixels within {@code tolerance} (sum of the channels' differences) of colour {@code rgb}; 0
     * for the exact colour, more for a browser's antialiased line edges.
     */
    public static int near(BufferedImage image, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff))
                        + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) + Math.abs((p & 0xff) - (rgb & 0xff));
                n += d <= tolerance ? 1 : 0;
            }
        }
        return n;
    }
}
