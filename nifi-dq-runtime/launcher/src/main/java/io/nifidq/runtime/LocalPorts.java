package io.nifidq.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks: a clear message before NiFi fails on a busy port, and a free port when any will do. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** True when nothing listens on 127.0.0.1:{@code port}. */
    public static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /** Fails with a message that says what to do when {@code port} is taken. */
    public static void requireFree(final int port, final String purpose) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 (" + purpose + ") is already in use by another program. "
                    + "Stop it (a NiFi started by ./dq run stops with ./dq stop) or choose another port, e.g. ./dq run --port " + (port + 10) + ".");
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1", e);
        }
    }
}
