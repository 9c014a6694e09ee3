package dev.redflag.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgramTest {

    @TempDir
    Path dir;

    private Path file(String dirName, String name, String content, String permissions) throws IOException {
        Path file = Files.createDirectories(dir.resolve(dirName)).resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void theFirstNonEmptyExecutableFileOnPathIsTheProgram() throws IOException {
        file("empty", "promtool", "", "rwxr-xr-x");
        file("plain", "promtool", "#!/bin/sh\n", "rw-r--r--");
        Files.createDirectories(dir.resolve("directory/promtool"));
        Path real = file("real", "promtool", "#!/bin/sh\n", "rwxr-xr-x");
        file("later", "promtool", "#!/bin/sh\n", "rwxr-xr-x");
        String path = String.join(":", dir.resolve("missing").toString(), "", dir.resolve("empty").toString(),
                dir.resolve("plain").toString(), dir.resolve("directory").toString(), dir.resolve("real").toString(),
                dir.resolve("later").toString());

        assertThat(Program.PROMTOOL.find(Map.of("PATH", path))).contains(real);
        assertThat(Program.PROMTOOL.find(Map.of("PATH", dir.resolve("empty") + ":" + dir.resolve("plain")))).isEmpty();
        assertThat(Program.PROMTOOL.find(Map.of())).isEmpty();
    }

    @Test
    void itsEnvironmentVariableWinsOverPathAndMustNameTheProgram() throws IOException {
        Path configured = file("elsewhere", "promtool-2.45", "#!/bin/sh\n", "rwxr-xr-x");
        Path onPath = file("bin", "promtool", "#!/bin/sh\n", "rwxr-xr-x");

        assertThat(Program.PROMTOOL.find(Map.of("PROMTOOL_BIN", configured.toString(),
                "PATH", onPath.getParent().toString()))).contains(configured);
        assertThat(Program.PROMTOOL.find(Map.of("PROMTOOL_BIN", " ", "PATH", onPath.getParent().toString())))
                .contains(onPath);
        assertThatThrownBy(() -> Program.PROMTOOL.find(Map.of("PROMTOOL_BIN", dir.resolve("nothing").toString(),
                "PATH", onPath.getParent().toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PROMTOOL_BIN=" + dir.resolve("nothing") + " is not an executable file: point it at "
                        + "promtool or unset it");
    }

    @Test
    void whatASkipSaysToInstall() {
        assertThat(Program.PROMTOOL.installHint()).isEqualTo("apt-get install prometheus, or set PROMTOOL_BIN");
        assertThat(Program.JQ.installHint()).isEqualTo("apt-get install jq");
    }
}
