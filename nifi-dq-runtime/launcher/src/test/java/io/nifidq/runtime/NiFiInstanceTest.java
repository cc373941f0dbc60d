package io.nifidq.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NiFiInstanceTest {

    @TempDir
    Path home;

    @Test
    void aBusyPortIsReportedWithWhatToDoBeforeNiFiIsLaunched() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final NiFiInstance nifi = new NiFiInstance(home, home.resolve("lib"), busy.getLocalPort(), "1g");

            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> nifi.start(Duration.ofSeconds(5)));

            assertTrue(e.getMessage().contains("Port " + busy.getLocalPort() + " on 127.0.0.1"), e.getMessage());
            assertTrue(e.getMessage().contains("./dq stop") && e.getMessage().contains("--port"), e.getMessage());
            assertFalse(Files.exists(nifi.pidFile()), "nothing was launched");
        }
    }

    @Test
    void aPidFileNamingAnotherProgramIsNotTrustedAndNothingIsKilled() throws Exception {
        final NiFiInstance nifi = new NiFiInstance(home, home.resolve("lib"), LocalPorts.anyFree(), "1g");
        Files.writeString(nifi.pidFile(), Long.toString(ProcessHandle.current().pid()));

        assertFalse(nifi.isRunning());
        assertFalse(nifi.stop(Duration.ofSeconds(1)));
        assertTrue(ProcessHandle.current().isAlive());
        assertFalse(Files.exists(nifi.pidFile()), "the stale pid file is removed");
    }

    @Test
    void placeholdersOfTheConfigurationTemplatesAreFilled() {
        assertEquals("nifi.web.http.port=18080\nnifi.nar.library.directory=/opt/lib",
                NiFiInstance.fill("nifi.web.http.port=${http.port}\nnifi.nar.library.directory=${lib.dir}",
                        java.util.Map.of("http.port", "18080", "lib.dir", "/opt/lib")));
    }
}
