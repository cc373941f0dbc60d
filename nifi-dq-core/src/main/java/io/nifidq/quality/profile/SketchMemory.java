package io.nifidq.quality.profile;

/**
 * Makes DataSketches' own serialisation usable on the Java this runs on. datasketches-memory 3.0, which every sketch's
 * toByteArray and heapify go through, checks the Java version once, when its first class loads, and refuses any major
 * version but 8, 11, 17 and 21, although it works on later ones (sun.misc.Unsafe's memory methods are deprecated there,
 * and the JVM prints a warning at their first use). NiFi 2.x runs on Java 21 and later, and these machines build and run
 * it on 25: on a Java it would refuse, that class is loaded while the java.version property says 21, and the property is
 * put back at once. Nothing else in nifi-dq uses datasketches-memory. Remove this class with a DataSketches release that
 * supports the Java versions NiFi runs on (datasketches-java 7 and later replace datasketches-memory with java.lang.foreign).
 */
final class SketchMemory {

    private static final String CHECKED_CLASS = "org.apache.datasketches.memory.internal.ResourceImpl";
    private static volatile boolean ready;

    private SketchMemory() {
    }

    /** Loads datasketches-memory once; call before any sketch is serialised or read. */
    static void ensureUsable() {
        if (ready) {
            return;
        }
        synchronized (SketchMemory.class) {
            if (ready) {
                return;
            }
            final String version = System.getProperty("java.version");
            final boolean refused = Runtime.version().feature() > 21;
            try {
                if (refused) {
                    System.setProperty("java.version", "21.0.0");
                }
                Class.forName(CHECKED_CLASS, true, SketchMemory.class.getClassLoader());
            } catch (final ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("DataSketches' memory library could not be loaded on Java " + version
                        + ", so profiles cannot be serialised: " + e, e);
            } finally {
                if (refused) {
                    System.setProperty("java.version", version);
                }
            }
            ready = true;
        }
    }
}
