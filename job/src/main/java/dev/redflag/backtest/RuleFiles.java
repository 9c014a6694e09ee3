package dev.redflag.backtest;

import dev.redflag.yaml.ConfigException;
import dev.redflag.kpi.KpiCatalog;
import dev.redflag.rules.RuleBundle;
import dev.redflag.rules.RuleLoader;
import dev.redflag.rules.RuleSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules a backtest runs: read as the bundle the live job would receive and validated exactly
 * as the job validates it, so a backtest never runs rules the job would reject. Problems name
 * files by their path, as {@code redflag validate} does.
 */
public record RuleFiles(RuleBundle bundle, RuleSet rules) {

    /**
     * @param path a directory of {@code *.yaml}/{@code *.yml} rule files, or one rule file
     * @throws IOException     when nothing can be read there
     * @throws ConfigException listing every problem of the rules
     */
    public static RuleFiles load(Path path, KpiCatalog catalog) throws IOException {
        RuleBundle bundle;
        if (Files.isDirectory(path)) {
            bundle = RuleBundle.read(path);
            if (bundle.files().isEmpty()) {
                throw new IOException("no rule files (*.yaml, *.yml) in " + path);
            }
        } else if (Files.isRegularFile(path)) {
            bundle = new RuleBundle(new TreeMap<>(Map.of(path.getFileName().toString(), Files.readString(path))));
        } else {
            throw new IOException("rules not found: " + path);
        }
        Path dir = Files.isDirectory(path) ? path : path.getParent();
        Map<String, String> bySource = new LinkedHashMap<>();
        bundle.files().forEach((name, text) -> bySource.put(dir == null ? name : dir.resolve(name).toString(), text));
        return new RuleFiles(bundle, RuleLoader.parseAll(bySource, catalog));
    }
}
