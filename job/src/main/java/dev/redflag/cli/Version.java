package dev.redflag.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Redflag.class.getPackage().getImplementationVersion();
        return new String[] {"redflag " + (v == null ? "(development build)" : v)};
    }
}
