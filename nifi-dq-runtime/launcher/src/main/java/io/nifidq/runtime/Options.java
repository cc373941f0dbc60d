package io.nifidq.runtime;

import java.nio.file.Path;
import java.util.Deque;

/**
 * Settings of the launcher, from command-line flags, else environment variables, else defaults.
 *
 * @param port   NiFi's HTTP port on 127.0.0.1 (--port, NIFI_DQ_PORT; 18080)
 * @param heap   NiFi's maximum heap (--heap, NIFI_DQ_HEAP; 3g, enough for training)
 * @param home   the NiFi home of ./dq run (--home, NIFI_DQ_HOME; ~/.cache/nifi-dq/instance)
 * @param inputs what Maven gathered: lib/ and extensions/ (--inputs; nifi-dq-runtime/launcher/target/nifi-inputs)
 * @param flows  the example flows and their sample data (--flows; docs/flows)
 * @param reset  whether ./dq run starts from an empty instance, forgetting its flow, queued FlowFiles, models and
 *               reports (--reset; by default a run keeps what an earlier run or the user left there)
 */
public record Options(int port, String heap, Path home, Path inputs, Path flows, boolean reset) {

    public static final int DEFAULT_PORT = 18080;
    public static final String DEFAULT_HEAP = "3g";

    static Options parse(final Deque<String> args) {
        int port = Integer.parseInt(env("NIFI_DQ_PORT", Integer.toString(DEFAULT_PORT)));
        String heap = env("NIFI_DQ_HEAP", DEFAULT_HEAP);
        Path home = Path.of(env("NIFI_DQ_HOME", NiFiAssembly.defaultCacheRoot().resolve("instance").toString()));
        Path inputs = Path.of("nifi-dq-runtime", "launcher", "target", "nifi-inputs");
        Path flows = Path.of("docs", "flows");
        boolean reset = false;
        while (!args.isEmpty()) {
            final String flag = args.pop();
            if (flag.equals("--reset")) {
                reset = true;
                continue;
            }
            if (args.isEmpty()) {
                throw new IllegalStateException("Flag " + flag + " needs a value");
            }
            final String value = args.pop();
            switch (flag) {
                case "--port" -> port = Integer.parseInt(value);
                case "--heap" -> heap = value;
                case "--home" -> home = Path.of(value);
                case "--inputs" -> inputs = Path.of(value);
                case "--flows" -> flows = Path.of(value);
                default -> throw new IllegalStateException("Unknown flag " + flag + " (known: --reset --port --heap --home --inputs --flows)");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalStateException("Port " + port + " is not a TCP port");
        }
        return new Options(port, heap, home.toAbsolutePath(), inputs.toAbsolutePath(), flows.toAbsolutePath(), reset);
    }

    private static String env(final String name, final String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
