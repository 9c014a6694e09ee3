package dev.redflag.cli;

import dev.redflag.yaml.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prints what the user must fix, not a stack trace, for the errors a user can cause: bad config,
 * bad definitions, unreadable files. Anything else is a bug and keeps its stack trace.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) throws Exception {
        if (ex instanceof ConfigException || ex instanceof UserError) {
            cmd.getErr().println(ex.getMessage());
            return CONFIG_ERROR;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            cmd.getErr().println("error: " + ex.getMessage());
            return CONFIG_ERROR;
        }
        throw ex;
    }
}
