package dev.redflag.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The console of a command that runs a job: lines printed as they come (from any thread) and a
 * status line. On a terminal the status is one line at the bottom, redrawn in place with a
 * carriage return and printed lines scroll above it; elsewhere (a pipe, a file, a test) each status
 * is a plain line of its own, so what is captured reads top to bottom without control characters.
 */
final class LiveConsole {

    /** Carriage return, then erase to the end of the line (ANSI EL). */
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final boolean terminal;
    private String status = "";
    /** The last thing printed ends with a blank line: a paragraph after it needs none of its own. */
    private boolean blankBelow = true;

    LiveConsole(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Whether this JVM's standard streams are a terminal: there the status line is redrawn in place.
     * On Java 17 {@code System.console()} is null unless they are; from Java 22 it may be a console
     * that is no terminal, and {@code Console.isTerminal()} (looked up, as Java 17 lacks it) says so.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException java17) {
            return true;
        }
    }

    /**
     * Prints text above the status line: a line as it is, several lines (a Slack message) as a
     * paragraph with a blank line above and below, so it stands apart from the one-line events.
     */
    synchronized void println(String text) {
        if (terminal && !status.isEmpty()) {
            out.print(CLEAR_LINE);
        }
        if (text.indexOf('\n') < 0) {
            out.println(text);
            blankBelow = false;
        } else {
            if (!blankBelow) {
                out.println();
            }
            out.println(text);
            out.println();
            blankBelow = true;
        }
        if (terminal) {
            out.print(status);
        }
        out.flush();
    }

    /** Shows the status: in place on a terminal, else as a line. */
    synchronized void status(String line) {
        if (terminal) {
            status = line;
            out.print(CLEAR_LINE + line);
            out.flush();
        } else {
            out.println(line);
            blankBelow = false;
            out.flush();
        }
    }

    /** Shows the status from now on until {@code timers} stop: every second on a terminal, else every 30 s. */
    void keepStatus(ScheduledExecutorService timers, Supplier<String> line) {
        long period = terminal ? 1 : 30;
        timers.scheduleAtFixedRate(() -> status(line.get()), period, period, TimeUnit.SECONDS);
    }

    /** Leaves the last status where it is and moves below it, for what comes after. */
    synchronized void endStatus() {
        if (terminal && !status.isEmpty()) {
            out.println();
            status = "";
            out.flush();
        }
    }
}
