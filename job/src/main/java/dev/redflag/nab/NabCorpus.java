package dev.redflag.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads a NAB checkout (or a copy of its {@code data/}, {@code labels/} and {@code config/}): every
 * file named in {@code labels/combined_windows.json}, with its windows found by exact timestamp, as
 * NAB's sweeper finds them: a window starts on the first row stamped with its start and ends on the
 * first row stamped with its end. A label that matches no row is an error, as in NAB.
 */
public final class NabCorpus {

    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LABEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private NabCorpus() {
    }

    /** Every labelled file of the dataset at {@code dir}, sorted by name. */
    public static List<NabSeries> read(Path dir) throws IOException {
        return read(dir, name -> true);
    }

    /** The labelled files whose name ({@code <category>/<file>.csv}) passes {@code names}, sorted by name. */
    public static List<NabSeries> read(Path dir, Predicate<String> names) throws IOException {
        Map<String, List<long[]>> labels = windows(dir.resolve("labels/combined_windows.json"));
        List<NabSeries> corpus = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> e : labels.entrySet()) {
            if (names.test(e.getKey())) {
                corpus.add(series(dir.resolve("data").resolve(e.getKey()), e.getKey(), e.getValue()));
            }
        }
        return corpus;
    }

    /** Window bounds (epoch millis) per file name, sorted by name. */
    static Map<String, List<long[]>> windows(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        Map<String, List<long[]>> windows = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<long[]> bounds = new ArrayList<>();
            for (JsonNode pair : e.getValue()) {
                bounds.add(new long[]{labelTime(pair.get(0), json), labelTime(pair.get(1), json)});
            }
            windows.put(e.getKey(), bounds);
        }
        return windows;
    }

    /** A data file with the windows given by their bound timestamps. */
    static NabSeries series(Path csv, String name, List<long[]> bounds) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i + 1);
            int comma = line.indexOf(',');
            try {
                ts[i] = millis(line.substring(0, comma), ROW_TIME);
                values[i] = Double.parseDouble(line.substring(comma + 1).strip());
            } catch (RuntimeException ex) {
                throw new IOException(csv + ":" + (i + 2) + ": expected 'yyyy-MM-dd HH:mm:ss,number', got '"
                        + line + "'", ex);
            }
        }
        return new NabSeries(name, ts, values, rows(name, ts, bounds));
    }

    /**
     * Windows as row ranges: the next window starts on the first row stamped with its start.
     *
     * @throws IllegalArgumentException when a bound matches no row
     */
    static List<Window> rows(String name, long[] ts, List<long[]> bounds) {
        List<Window> windows = new ArrayList<>();
        int from = 0;
        for (long[] b : bounds) {
            int first = -1;
            for (int i = from; i < ts.length && first < 0; i++) {
                if (ts[i] == b[0]) {
                    first = i;
                }
            }
            int last = -1;
            for (int i = 0; i < ts.length && last < 0; i++) {
                if (ts[i] == b[1]) {
                    last = i;
                }
            }
            if (first < 0 || last < first) {
                throw new IllegalArgumentException(name + ": label window " + text(b[0]) + " .. " + text(b[1])
                        + " does not match the file's timestamps");
            }
            windows.add(new Window(first, last));
            from = last + 1;
        }
        return windows;
    }

    private static String text(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toString();
    }

    private static long labelTime(JsonNode node, Path json) throws IOException {
        try {
            return millis(node.asText(), LABEL_TIME);
        } catch (DateTimeParseException e) {
            throw new IOException(json + ": '" + node.asText() + "' is not a label timestamp", e);
        }
    }

    /** A local date-time read as UTC: NAB's timestamps carry no zone. */
    static long millis(String text, DateTimeFormatter format) {
        return LocalDateTime.parse(text.strip(), format).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
