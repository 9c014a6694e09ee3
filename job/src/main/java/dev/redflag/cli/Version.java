package dev.redflag.cli;

import dev.redflag.metrics.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version and git revision Maven wrote into the jar, as {@code redflag_build_info} shows them. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        return new String[] {"redflag " + build.version() + " (revision " + build.revision() + ", Flink "
                + build.flinkVersion() + ", Java " + build.javaVersion() + ")"};
    }
}
