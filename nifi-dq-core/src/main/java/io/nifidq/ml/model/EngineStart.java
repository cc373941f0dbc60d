package io.nifidq.ml.model;

import ai.djl.engine.Engine;

import java.util.Map;

/**
 * What starting either DJL engine (PyTorch for the n-gram models, ONNX Runtime for the encoders) takes inside NiFi:
 * DJL settings the JVM did not set itself, and this library's class loader (inside NiFi: the nifi-dq NAR's) as the
 * thread's context class loader while DJL looks the engine up, because DJL finds engines through the context class
 * loader and NiFi's threads carry another.
 */
public final class EngineStart {

    private EngineStart() {
    }

    /** Sets each system property the JVM has not set, then starts the engine named {@code engineName}. */
    public static Engine start(final String engineName, final Map<String, String> defaultProperties) {
        defaultProperties.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EngineStart.class.getClassLoader());
        try {
            return Engine.getEngine(engineName);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
