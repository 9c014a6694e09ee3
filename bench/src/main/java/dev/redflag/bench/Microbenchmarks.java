package dev.redflag.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -jar redflag-bench.jar jmh [regexp]}: the hot-path microbenchmarks of
 * {@code dev.redflag.bench.jmh} with short defaults (1 fork, 2 warm-up and 3 measured iterations of
 * 1 s); any JMH command-line option overrides them.
 */
final class Microbenchmarks {

    private Microbenchmarks() {
    }

    static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        if (cli.getIncludes().isEmpty()) {
            builder.include("dev\\.redflag\\.bench\\.jmh\\..*");
        }
        // an OptionsBuilder's own settings win over its parent's, so a default is set only where the
        // command line left the option out; otherwise -wi, -i, -f, -w and -r would be ignored
        if (!cli.getForkCount().hasValue()) {
            builder.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            builder.warmupIterations(2);
        }
        if (!cli.getWarmupTime().hasValue()) {
            builder.warmupTime(TimeValue.seconds(1));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(3);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            builder.measurementTime(TimeValue.seconds(1));
        }
        Options options = builder.parent(cli).build();
        new Runner(options).run();
    }
}
