package dev.redflag.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console prints around its status line, on a terminal and elsewhere. */
class LiveConsoleTest {

    private final StringWriter written = new StringWriter();

    @Test
    void onATerminalTheStatusIsRedrawnInPlaceAndLinesScrollAboveIt() {
        LiveConsole console = new LiveConsole(new PrintWriter(written), true);

        console.println("redflag demo");
        console.status("status  one");
        console.status("status  two");
        console.println("FIRING   x");
        console.endStatus();
        console.println("demo stopped");

        assertThat(written.toString()).isEqualTo(("redflag demo%n\r\u001b[Kstatus  one\r\u001b[Kstatus  two"
                + "\r\u001b[KFIRING   x%nstatus  two%ndemo stopped%n").formatted());
    }

    @Test
    void elsewhereEachStatusIsALineAndAMessageIsAParagraph() {
        LiveConsole console = new LiveConsole(new PrintWriter(written), false);

        console.println("FIRING   x");
        console.println("Slack #a: title\n  > text");
        console.println("Slack #b: title\n  > text");
        console.status("status  one");
        console.endStatus();

        assertThat(written.toString().lines()).containsExactly("FIRING   x", "", "Slack #a: title", "  > text", "",
                "Slack #b: title", "  > text", "", "status  one");
    }
}
