package io.nifidq.augment;

import java.util.function.Supplier;

/**
 * Runs dictionary loading with this library's class loader as the thread's context class loader: inside NiFi
 * the thread's loader may be the framework's, which cannot see the dictionary jars bundled in the NAR.
 */
final class ClassLoaders {

    private ClassLoaders() {
    }

    static <T> T withOwnLoader(final Supplier<T> action) {
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoaders.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
