package dev.redflag.config;

import dev.redflag.kpi.WindowSpec;
import dev.redflag.yaml.Durations;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Job-wide KPI settings: where user-defined KPIs are declared, which windows every KPI is
 * computed over unless it says otherwise, and how long per-entity state survives inactivity.
 *
 * <p>The definitions path is held as a string because {@link Path} is not serializable and
 * this record ships inside Flink functions; {@link #definitions()} gives the {@link Path}.
 *
 * @param definitionsFile path of the KPI definitions file, relative to the working directory
 *                        when not absolute
 */
public record KpiSettings(String definitionsFile, List<WindowSpec> windows, Duration entityTtl)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public KpiSettings {
        Objects.requireNonNull(definitionsFile, "definitionsFile");
        windows = List.copyOf(windows);
        Objects.requireNonNull(entityTtl, "entityTtl");
    }

    /** The KPI definitions file; relative paths resolve against the current working directory. */
    public Path definitions() {
        return Path.of(definitionsFile);
    }

    @Override
    public String toString() {
        return "KpiSettings[definitions=" + definitionsFile + ", windows=" + windows
                + ", entityTtl=" + Durations.format(entityTtl) + "]";
    }
}
